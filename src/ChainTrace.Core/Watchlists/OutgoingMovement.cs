using ChainTrace.Core.Primitives;

namespace ChainTrace.Core.Watchlists;

/// <summary>A transaction in which the address paid out: <see cref="Amount"/> is what it spent (satoshi, wei).</summary>
public sealed record OutgoingMovement(Hash32 TxId, long Height, UInt256 Amount);
