using ChainTrace.Core.Risk;

namespace ChainTrace.Risk.Storage;

/// <summary>Store-wide counts of a refresh's address rows: with exposure, with discounted dust, and per level (low … severe).</summary>
public sealed record RiskCounts(int Exposed, int Discounted, int[] Levels)
{
    public static RiskCounts Empty => new(0, 0, new int[4]);

    /// <summary>
    /// These counts with one row added (<paramref name="sign"/> 1) or taken away (-1): a running tally, so
    /// <see cref="Levels"/> is updated in place and shared with the result (clone it first to keep the original).
    /// </summary>
    public RiskCounts With(RiskFacts facts, RiskLevel level, int sign = 1)
    {
        ArgumentNullException.ThrowIfNull(facts);
        Levels[(int)level] += sign;
        return this with
        {
            Exposed = Exposed + (facts.Exposures.Count > 0 ? sign : 0),
            Discounted = Discounted + (facts.Discounted.Count > 0 ? sign : 0),
        };
    }
}
