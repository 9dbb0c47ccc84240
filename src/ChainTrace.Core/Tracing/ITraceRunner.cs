namespace ChainTrace.Core.Tracing;

/// <summary>Runs and keeps traces (the read model implements it); the API and CLI only ask.</summary>
public interface ITraceRunner
{
    Task<TraceAnswer> TraceAsync(TraceRequest request, CancellationToken cancellationToken);

    /// <summary>A kept trace in <paramref name="format"/> (json, csv, graphml); null when no trace has that id.</summary>
    Task<byte[]?> GetAsync(string id, string format, CancellationToken cancellationToken);

    /// <summary>The paths by which value moved from <paramref name="source"/> to <paramref name="target"/> (addresses or <c>cluster:&lt;id&gt;</c>) within <paramref name="hops"/>.</summary>
    Task<TraceAnswer> PathsAsync(string? chain, string? source, string? target, int? hops, CancellationToken cancellationToken);
}
