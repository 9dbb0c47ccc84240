using ChainTrace.Core.Chains;
using ChainTrace.Core.Primitives;

namespace ChainTrace.Core.Utxo;

/// <summary>What every stored block keeps, whatever the chain: position, identity, parent link, time.</summary>
/// <param name="Bits">Bitcoin: the compact proof-of-work target (<c>nBits</c>), from which branches' work is compared; null where the chain has none.</param>
public sealed record BlockHeader(Chain Chain, long Height, Hash32 Hash, Hash32 PreviousHash, DateTimeOffset Time, uint? Bits = null);
