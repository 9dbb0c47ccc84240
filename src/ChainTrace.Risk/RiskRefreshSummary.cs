namespace ChainTrace.Risk;

/// <summary>What a refresh did, for its summary line.</summary>
public sealed record RiskRefreshSummary(long Height, int Addresses, int Exposed, int Discounted, int Clusters, int Low, int Medium, int High, int Severe, TimeSpan Elapsed)
{
    public string Line() =>
        FormattableString.Invariant($"risk refresh: btc height={Height} addresses={Addresses} exposed={Exposed} dust_discounted={Discounted} clusters={Clusters} low={Low} medium={Medium} high={High} severe={Severe} seconds={Elapsed.TotalSeconds:0.00}");
}
