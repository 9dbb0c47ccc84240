using ChainTrace.Core.Chains;
using ChainTrace.Core.Primitives;

namespace ChainTrace.Core.Utxo;

/// <summary>What every stored block keeps, whatever the chain: position, identity, parent link, time.</summary>
public sealed record BlockHeader(Chain Chain, long Height, Hash32 Hash, Hash32 PreviousHash, DateTimeOffset Time);
