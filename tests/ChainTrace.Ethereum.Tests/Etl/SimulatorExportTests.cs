using System.Text.Json;
using ChainTrace.Core.Account;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Primitives;
using ChainTrace.Ethereum.Etl;
using ChainTrace.Ethereum.Ingest;
using ChainTrace.Simulator;
using ChainTrace.Storage.Sqlite;
using ChainTrace.TestSupport;

namespace ChainTrace.Ethereum.Tests.Etl;

/// <summary>The chain simulator's blockchain-etl export (small scenario) read by the ETL source and ingested.</summary>
public class SimulatorExportTests
{
    [Fact]
    public async Task SmallScenario_IngestsEveryBlockAndTransaction_AndFailedTransactionsMoveNothing()
    {
        using var dir = new TempDir("sim-eth");
        var sim = await Simulator.Simulator.RunAsync(
            new SimulationOptions { Scenario = "small", Seed = 42, OutDir = dir.File("out"), Signed = false }, CancellationToken.None);
        var etl = Path.Combine(dir.File("out"), "eth", "etl");
        await using var store = await SqliteGraphStore.OpenAsync(dir.File("graph.db"), CancellationToken.None);

        var summary = await new EthIngestor().RunAsync(new EthEtlBlockSource(etl, Network.Regtest), store, new EthIngestOptions(), null, CancellationToken.None);

        var blockCount = File.ReadLines(Path.Combine(etl, "blocks.json")).Count(l => l.Length > 0);
        Assert.Equal(blockCount, summary.BlocksWritten);
        Assert.Equal(sim.EthereumTransactions, summary.Transactions);
        Assert.Equal(0, summary.Warnings.Total);
        var tokenTransfers = File.ReadLines(Path.Combine(etl, "token_transfers.json")).Count(l => l.Length > 0);
        Assert.Equal(tokenTransfers, summary.TransfersByKind.GetValueOrDefault(TransferKind.Token));
        foreach (var line in File.ReadLines(Path.Combine(etl, "receipts.json")).Where(l => l.Contains("\"status\":0", StringComparison.Ordinal)))
        {
            using var doc = JsonDocument.Parse(line);
            var view = await store.GetAccountTransactionAsync(Hash32.Parse(doc.RootElement.GetProperty("transaction_hash").GetString()!), CancellationToken.None);
            Assert.False(view!.Transaction.Succeeded);
            Assert.Empty(view.Transfers);
        }
    }
}
