using ChainTrace.Cli.Commands;
using ChainTrace.Core.Chains;
using ChainTrace.Ethereum.Etl;
using ChainTrace.Ethereum.Ingest;
using ChainTrace.Storage.Sqlite;

namespace ChainTrace.Cli.Hosting;

/// <summary>Ingests the demo's Ethereum side from its blockchain-etl export, as a team holding such exports would.</summary>
internal static class EthDemo
{
    public static async Task IngestAsync(string demoDirectory, SqliteGraphStore store, TextWriter log, CancellationToken cancellationToken)
    {
        var source = new EthEtlBlockSource(Path.Combine(demoDirectory, "eth", "etl"), Network.Regtest);
        var summary = await new EthIngestor().RunAsync(source, store, new EthIngestOptions(), null, cancellationToken);
        await log.WriteLineAsync(EthIngestCommand.SummaryLine(summary));
    }
}
