using ChainTrace.Core.Chains;

namespace ChainTrace.Jobs.Settings;

/// <summary><c>Sources:Eth</c>: exactly one of <c>Rpc</c> and <c>Etl</c>; and <c>Network</c>.</summary>
public sealed record EthSourceSettings(Uri? Rpc, string? Etl, Network Network);
