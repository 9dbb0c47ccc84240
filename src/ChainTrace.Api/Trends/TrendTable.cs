namespace ChainTrace.Api.Trends;

/// <summary>
/// Per UTC day, the value that reached each category (see <see cref="TrendCalculator"/> for the rule), in three
/// views: from any source, from flagged sources, and from each source category. Built once per data height and
/// label set, then cut into buckets per request.
/// </summary>
/// <param name="Days">Day number (<see cref="DateOnly.DayNumber"/>) → values laid out as <see cref="Any"/>, <see cref="Flagged"/>, <see cref="From"/> say.</param>
public sealed record TrendTable(string Fingerprint, long DataHeight, string LabelSet, int Categories, SortedDictionary<int, long[]> Days)
{
    public int Width => Categories * (Categories + 2);

    public static int Any(int category) => category;

    public int Flagged(int category) => Categories + category;

    public int From(int category, int source) => (2 * Categories) + (category * Categories) + source;
}
