namespace ChainTrace.Risk.Storage;

/// <summary>Store-wide counts of a refresh's address rows: with exposure, with discounted dust, and per level (low … severe).</summary>
public sealed record RiskCounts(int Exposed, int Discounted, int[] Levels)
{
    public static RiskCounts Empty => new(0, 0, new int[4]);
}
