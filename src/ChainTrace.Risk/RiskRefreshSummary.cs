namespace ChainTrace.Risk;

/// <summary>What a refresh did, for its summary line.</summary>
public sealed record RiskRefreshSummary(long Height, int Addresses, int Exposed, int Discounted, int Clusters, int Low, int Medium, int High, int Severe, TimeSpan Elapsed)
{
    /// <summary>The chain refreshed (<c>btc</c>, <c>eth</c>).</summary>
    public string Chain { get; init; } = "btc";

    /// <summary><c>incremental</c> or <c>full</c>.</summary>
    public string Mode { get; init; } = "full";

    /// <summary>Why a refresh that could have been incremental was full (null when asked for full, or incremental).</summary>
    public string? NotIncremental { get; init; }

    /// <summary>Address rows computed by this run (all of them in a full refresh).</summary>
    public int Recomputed { get; init; }

    /// <summary>A summary from a refresh's row counts (<see cref="Storage.RiskCounts"/>).</summary>
    public static RiskRefreshSummary Of(long height, int addresses, Storage.RiskCounts counts, int clusters, TimeSpan elapsed)
    {
        ArgumentNullException.ThrowIfNull(counts);
        return new(height, addresses, counts.Exposed, counts.Discounted, clusters, counts.Levels[0], counts.Levels[1], counts.Levels[2], counts.Levels[3], elapsed);
    }

    public string Line() =>
        FormattableString.Invariant($"risk refresh: {Chain} height={Height} addresses={Addresses} exposed={Exposed} dust_discounted={Discounted} clusters={Clusters} low={Low} medium={Medium} high={High} severe={Severe} seconds={Elapsed.TotalSeconds:0.00} mode={Mode} recomputed={Recomputed}") +
        (NotIncremental is null ? "" : $" (not incremental: {NotIncremental})");
}
