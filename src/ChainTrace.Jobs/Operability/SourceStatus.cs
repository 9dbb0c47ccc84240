namespace ChainTrace.Jobs.Operability;

/// <summary>
/// What the last sync of a chain saw of its source: reachable or not (and why), the source's tip and the stored tip
/// after the run. <see cref="Lag"/> is how many blocks the store is behind the source (null when unknown).
/// </summary>
public sealed record SourceStatus(string Chain, bool Reachable, long? SourceTip, long? StoredTip, DateTimeOffset CheckedAt, string? Error)
{
    public long? Lag => SourceTip is { } source ? Math.Max(0, source - (StoredTip ?? -1)) : null;
}
