namespace ChainTrace.Core.Tracing;

/// <summary>Runs and keeps traces (the read model implements it); the API and CLI only ask.</summary>
public interface ITraceRunner
{
    Task<TraceAnswer> TraceAsync(TraceRequest request, CancellationToken cancellationToken);

    /// <summary>A kept trace in <paramref name="format"/> (json, csv, graphml); null when no trace has that id.</summary>
    Task<byte[]?> GetAsync(string id, string format, CancellationToken cancellationToken);
}
