namespace ChainTrace.Core.Clustering;

/// <summary>
/// What may merge clusters. <see cref="ChangeMergeConfidence"/> null: change heuristics are shown but never merge.
/// <see cref="SuperclusterThreshold"/>: a transaction that would join two clusters both larger than this is held
/// for review instead of merged.
/// </summary>
public sealed record ClusteringPolicy
{
    public const int DefaultSuperclusterThreshold = 10_000;

    public bool ExcludeCoinJoins { get; init; } = true;

    public int? ChangeMergeConfidence { get; init; }

    public int SuperclusterThreshold { get; init; } = DefaultSuperclusterThreshold;

    public int CoSpendConfidence { get; init; } = 90;

    public static ClusteringPolicy Default { get; } = new();

    /// <summary>A stable text form, stored with the clusters: other settings mean the clusters must be recomputed.</summary>
    public string Describe() =>
        $"coinjoin-exclusion={(ExcludeCoinJoins ? "on" : "off")};change-merge={(ChangeMergeConfidence?.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "off")};supercluster={SuperclusterThreshold}";

    /// <summary>Reads back <see cref="Describe"/>'s form; null when <paramref name="text"/> is not one.</summary>
    public static ClusteringPolicy? TryParse(string? text)
    {
        if (string.IsNullOrEmpty(text))
        {
            return null;
        }

        var parts = text.Split(';').Select(p => p.Split('=', 2)).Where(p => p.Length == 2).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);
        if (!parts.TryGetValue("coinjoin-exclusion", out var exclusion) || !parts.TryGetValue("change-merge", out var change)
            || !parts.TryGetValue("supercluster", out var threshold) || !int.TryParse(threshold, System.Globalization.CultureInfo.InvariantCulture, out var size))
        {
            return null;
        }

        int? confidence = int.TryParse(change, System.Globalization.CultureInfo.InvariantCulture, out var c) ? c : null;
        return new ClusteringPolicy { ExcludeCoinJoins = exclusion == "on", ChangeMergeConfidence = confidence, SuperclusterThreshold = size };
    }
}
