using ChainTrace.Core.Chains;

namespace ChainTrace.Api.Trends;

/// <summary>
/// Per UTC day, the value that reached each category (see <see cref="BtcTrends"/> and <see cref="EthTrends"/> for the
/// rules), in three views: from any source, from flagged sources, and from each source category. Built once per data
/// height, cluster state and label set, then cut into buckets per request. Cells are base units (satoshis, wei) as
/// 128-bit integers, saturating at the maximum (native ether supply is far below it).
/// </summary>
/// <param name="Days">Day number (<see cref="DateOnly.DayNumber"/>) → values laid out as <see cref="Any"/>, <see cref="Flagged"/>, <see cref="From"/> say.</param>
public sealed record TrendTable(Chain Chain, string Fingerprint, long DataHeight, string LabelSet, int Categories, SortedDictionary<int, UInt128[]> Days)
{
    public int Width => Categories * (Categories + 2);

    public static int Any(int category) => category;

    public int Flagged(int category) => Categories + category;

    public int From(int category, int source) => (2 * Categories) + (category * Categories) + source;

    /// <summary>The cells of <paramref name="day"/>, created empty on first use.</summary>
    public UInt128[] DayCells(int day)
    {
        if (!Days.TryGetValue(day, out var values))
        {
            values = new UInt128[Width];
            Days[day] = values;
        }

        return values;
    }

    public static void Add(UInt128[] cells, int slot, UInt128 value) =>
        cells[slot] = UInt128.MaxValue - cells[slot] < value ? UInt128.MaxValue : cells[slot] + value;

    public static int DayOf(long unixSeconds) => DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(unixSeconds).UtcDateTime).DayNumber;
}
