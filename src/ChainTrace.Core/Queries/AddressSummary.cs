using ChainTrace.Core.Addresses;

namespace ChainTrace.Core.Queries;

public sealed record AddressSummary(
    Address Address,
    SeenAt FirstSeen,
    SeenAt LastSeen,
    long TxCount,
    IReadOnlyList<AssetTotals> Totals);
