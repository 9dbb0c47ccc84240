using ChainTrace.Core.Chains;

namespace ChainTrace.Jobs.Settings;

/// <summary><c>Sources:Btc</c>: exactly one of <c>BlocksDir</c>, <c>Rpc</c> (+ <c>RpcCookie</c> or <c>RpcUser</c>/<c>RpcPassword</c>), <c>Esplora</c>; and <c>Network</c>.</summary>
public sealed record BtcSourceSettings(string? BlocksDir, Uri? Rpc, string? RpcCookie, string? RpcUser, string? RpcPassword, Uri? Esplora, Network Network);
