using System.Diagnostics;
using System.Globalization;
using ChainTrace.Bitcoin.Blocks;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Clustering;
using ChainTrace.Core.Ingest;
using ChainTrace.Index.Clustering;
using ChainTrace.Index.Service;
using ChainTrace.Index.Utxo;
using ChainTrace.Simulator;
using ChainTrace.Storage.Sqlite;

namespace ChainTrace.Benchmarks.Clustering;

/// <summary>
/// A fresh <c>large</c> economy (default 1,000,000 Bitcoin transactions plus 1,000 more blocks), ingested into a
/// SQLite store, its read model built, then clustered from scratch: <c>inputs_per_s</c> is the heuristics and
/// union-find pass alone, <c>persist_s</c> writing its result. Then the last 1,000 blocks are ingested and
/// <c>update_s</c> times the incremental <c>cluster update</c> (read model extension included). The two size
/// figures divide the on-disk bytes of the graph store (at rest: WAL checkpointed) and of the read model (its arrays; the clusters are printed apart) by the
/// transactions. Blocks hold 100 transactions (instead of the scenario's 2,500) so that 1,000 more blocks exist.
/// Options: <c>--tx N</c>, <c>--more-blocks N</c>, <c>--per-block N</c>, <c>--keep DIR</c> (a copy of the store at rest, for its page statistics).
/// </summary>
public sealed partial class ClusterBenchmark : IBenchmark
{
    public string Name => "cluster";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var baseTx = int.Parse(Option(args, "--tx") ?? "1000000", CultureInfo.InvariantCulture);
        var moreBlocks = int.Parse(Option(args, "--more-blocks") ?? "1000", CultureInfo.InvariantCulture);
        var perBlock = int.Parse(Option(args, "--per-block") ?? "100", CultureInfo.InvariantCulture);
        var work = Path.Combine(Path.GetTempPath(), $"chaintrace-bench-cluster-{Guid.NewGuid():N}");
        try
        {
            var clock = Stopwatch.StartNew();
            var sim = await ChainTrace.Simulator.Simulator.RunAsync(
                new SimulationOptions { Scenario = "large", Seed = 7, OutDir = Path.Combine(work, "sim"), Scale = baseTx + (moreBlocks * perBlock), Signed = false, TransactionsPerBlock = perBlock },
                cancellationToken);
            Console.WriteLine($"simulated {sim.BitcoinTransactions} tx in {sim.BitcoinBlocks} blocks, {clock.Elapsed.TotalSeconds:F1} s");
            var lastBase = sim.BitcoinBlocks - moreBlocks - 1;
            var data = Path.Combine(work, "data");
            await using var store = await SqliteGraphStore.OpenAsync(Path.Combine(data, "graph.db"), cancellationToken);
            var blocksDir = Path.Combine(work, "sim", "btc", "blocks");
            clock.Restart();
            var ingested = await Ingest(store, blocksDir, lastBase, cancellationToken);
            Console.WriteLine($"ingested {ingested.Transactions} tx to height {lastBase}, {clock.Elapsed.TotalSeconds:F1} s");

            var paths = new ReadModelPaths(data);
            clock.Restart();
            using (var index = UtxoIndex.Open(paths.Btc, store))
            {
                await UtxoIndexUpdater.UpdateAsync(index, store, store, cancellationToken);
                Console.WriteLine($"read model: {index.TxCount} tx, {index.InputCount} inputs, {index.OutputCount} outputs, {index.AddressCount} addresses, {clock.Elapsed.TotalSeconds:F1} s");
            }

            ResetPeakMemory();
            ClusterUpdateSummary scratch;
            using (var index = UtxoIndex.Open(paths.Btc, store))
            using (var clusters = ClusterStore.Open(paths.BtcClusters))
            {
                scratch = UtxoClusterer.Update(index, clusters, ClusteringPolicy.Default);
            }

            var peakMb = BenchLine.PeakMb();
            Console.WriteLine(
                $"from scratch: {scratch.Transactions} tx, {scratch.Inputs} inputs, {scratch.LinksAdded} links, {scratch.ReviewsAdded} reviews, " +
                $"{scratch.Clusters} clusters, largest {scratch.Largest}; linking {scratch.LinkSeconds:F2} s " +
                $"(cpu {scratch.LinkCpuSeconds:F2} s, {scratch.Inputs / Math.Max(scratch.LinkCpuSeconds, 1e-6):F0} inputs per cpu-s), writing {scratch.PersistSeconds:F2} s");
            // The store at rest: its write-ahead log folded into the database. Otherwise the WAL file, which keeps its largest size
            // until truncated (256 MB after ingesting 1M tx here), counted as store bytes (805 instead of 549 per tx).
            await CheckpointAsync(Path.Combine(data, "graph.db"), cancellationToken);
            var storeBytes = DirectoryBytes(data, except: paths.Root);
            var indexBytes = DirectoryBytes(paths.Btc, except: paths.BtcClusters);
            var clusterBytes = DirectoryBytes(paths.BtcClusters);
            Console.WriteLine($"on disk: store {storeBytes / (1024 * 1024)} MB, read model {indexBytes / (1024 * 1024)} MB, clusters {clusterBytes / (1024 * 1024)} MB ({clusterBytes / ingested.Transactions} bytes per tx)");
            var transactions = ingested.Transactions;
            Console.WriteLine("store files (bytes per tx): " + string.Join(", ", Directory.EnumerateFiles(data)
                .Select(f => $"{Path.GetFileName(f)} {new FileInfo(f).Length / (double)transactions:F1}")));
            Console.WriteLine("store columns (bytes per tx): " + await StoreColumnsAsync(Path.Combine(data, "graph.db"), transactions, cancellationToken));
            if (Option(args, "--keep") is { } keep)
            {
                Directory.CreateDirectory(keep);
                File.Copy(Path.Combine(data, "graph.db"), Path.Combine(keep, "graph.db"), overwrite: true);
                Console.WriteLine($"store kept in {keep}");
            }

            Console.WriteLine("read model files (bytes per tx): " + string.Join(", ", Directory.EnumerateFiles(paths.Btc)
                .Select(f => $"{Path.GetFileName(f)} {new FileInfo(f).Length / (double)transactions:F1}")));

            await Ingest(store, blocksDir, null, cancellationToken);
            using var service = new ClusterService(data, store, store, ClusteringPolicy.Default);
            clock.Restart();
            var update = await service.UpdateAsync(Chain.Btc, null, cancellationToken);
            var updateSeconds = clock.Elapsed.TotalSeconds;
            Console.WriteLine($"update: {update.Blocks} blocks, {update.Transactions} tx, {update.LinksAdded} links, {updateSeconds:F2} s ({update.Stages})");
            using (var index = UtxoIndex.Open(paths.Btc, store))
            {
                Console.WriteLine(KeyLookups(index));
            }

            BenchLine.Print(Name,
                ("inputs_per_s", (double)(long)(scratch.Inputs / scratch.LinkSeconds)),
                ("persist_s", scratch.PersistSeconds),
                ("update_s", updateSeconds),
                ("clusters", scratch.Clusters),
                ("largest", scratch.Largest),
                ("peak_mb", peakMb),
                ("store_bytes_per_tx", (double)(storeBytes / transactions)),
                ("index_bytes_per_tx", (double)(indexBytes / transactions)));
            return 0;
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    private static async Task<IngestSummary> Ingest(SqliteGraphStore store, string blocksDir, long? to, CancellationToken cancellationToken)
    {
        var source = new BlocksDirectorySource(new BlocksDirectorySourceOptions(blocksDir, Network.Regtest));
        return await new UtxoIngestor(store, source).RunAsync(new UtxoIngestOptions { To = to }, null, cancellationToken);
    }

    /// <summary>Checkpoints the store's WAL, truncating it: the store as it is at rest (closed, SQLite does the same).</summary>
    private static async Task CheckpointAsync(string path, CancellationToken cancellationToken)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using var checkpoint = connection.CreateCommand();
        checkpoint.CommandText = "PRAGMA wal_checkpoint(TRUNCATE)";
        await checkpoint.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>
    /// The two widest columns of the store, in bytes per transaction: the packed transaction body and the txid. (The
    /// bundled SQLite has no dbstat table; for pages per table and index, keep the store with <c>--keep DIR</c> and ask
    /// the sqlite3 shell: <c>SELECT name, SUM(pgsize) FROM dbstat GROUP BY name</c>.)
    /// </summary>
    private static async Task<string> StoreColumnsAsync(string path, long transactions, CancellationToken cancellationToken)
    {
        await using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
        await connection.OpenAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT SUM(length(body)), SUM(length(txid)) FROM utxo_txs";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        return await reader.ReadAsync(cancellationToken)
            ? string.Create(CultureInfo.InvariantCulture, $"utxo_txs.body {reader.GetInt64(0) / (double)transactions:F1}, utxo_txs.txid {reader.GetInt64(1) / (double)transactions:F1}")
            : "none";
    }

    private static long DirectoryBytes(string directory, string? except = null) =>
        Directory.EnumerateFiles(directory, "*", SearchOption.AllDirectories)
            .Where(f => except is null || !f.StartsWith(except, StringComparison.Ordinal))
            .Sum(f => new FileInfo(f).Length);

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }

    private static void ResetPeakMemory()
    {
        try
        {
            File.WriteAllText("/proc/self/clear_refs", "5");
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
