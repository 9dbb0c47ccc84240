namespace ChainTrace.Ethereum.Ingest;

/// <param name="Height">Highest block stored so far.</param>
/// <param name="Target">Height the run is heading for.</param>
public sealed record EthIngestProgress(long Height, long Target, long BlocksWritten, long Transfers, TimeSpan Elapsed);
