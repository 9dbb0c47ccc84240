namespace ChainTrace.Core.Clustering;

/// <summary>Counts of output values: the most common value (lowest on ties) and how often each occurs.</summary>
public sealed class OutputValueCounts
{
    private readonly Dictionary<long, int> _counts = [];

    public OutputValueCounts(IReadOnlyList<TxOutputFacts> outputs)
    {
        foreach (var output in outputs)
        {
            _counts[output.Value] = _counts.GetValueOrDefault(output.Value) + 1;
        }

        foreach (var (value, count) in _counts)
        {
            if (count > MostCommonCount || (count == MostCommonCount && value < MostCommonValue))
            {
                MostCommonValue = value;
                MostCommonCount = count;
            }
        }
    }

    public long MostCommonValue { get; }

    public int MostCommonCount { get; }

    public int Distinct => _counts.Count;

    public int CountOf(long value) => _counts.GetValueOrDefault(value);

    /// <summary>Values that occur at least <paramref name="minimum"/> times.</summary>
    public IEnumerable<(long Value, int Count)> Repeated(int minimum) =>
        _counts.Where(c => c.Value >= minimum).Select(c => (c.Key, c.Value));
}
