namespace ChainTrace.Core.Watchlists;

/// <summary>
/// One rule of a watchlist: <c>outgoing</c> (any movement out of a watched address), <c>reaches</c> (value reaching
/// <see cref="Category"/> within <see cref="Hops"/>), <c>score-above</c> (<see cref="Value"/>), <c>cluster-grows</c>.
/// </summary>
public sealed record WatchRule(string Kind, string? Category = null, int? Hops = null, double? Value = null)
{
    public const string Outgoing = "outgoing";
    public const string Reaches = "reaches";
    public const string ScoreAbove = "score-above";
    public const string ClusterGrows = "cluster-grows";

    public static IReadOnlyList<string> Kinds { get; } = [Outgoing, Reaches, ScoreAbove, ClusterGrows];
}
