using ChainTrace.Core.Primitives;

namespace ChainTrace.Core.Queries;

/// <param name="Received">Sum of value paid to the address.</param>
/// <param name="Sent">Sum of known values spent from the address (a lower bound when <paramref name="UnknownSpends"/> &gt; 0).</param>
/// <param name="Balance">Received − sent, only when every spend's value is known; null otherwise.</param>
/// <param name="UnknownSpends">Spends from the address whose value is not known (prevout not in the store).</param>
public sealed record AssetTotals(Asset Asset, UInt256 Received, UInt256 Sent, UInt256? Balance, long UnknownSpends);
