using ChainTrace.Storage.Sqlite;

namespace ChainTrace.Cli.Hosting;

/// <summary>Ingests the demo's Ethereum ETL export once Ethereum ingestion is wired in.</summary>
internal static class EthDemo
{
    public static Task IngestAsync(string demoDirectory, SqliteGraphStore store, TextWriter log, CancellationToken cancellationToken) => Task.CompletedTask;
}
