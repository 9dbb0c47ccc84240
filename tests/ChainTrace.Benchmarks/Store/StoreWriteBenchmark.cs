using System.Diagnostics;
using System.Globalization;
using ChainTrace.Core.Ingest;
using ChainTrace.Core.Utxo;
using ChainTrace.Storage.Sqlite;

namespace ChainTrace.Benchmarks.Store;

/// <summary>
/// Writes 200k synthetic transactions into a fresh SQLite store in batches, as the ingest coordinator does,
/// and reports transactions and rows per second. Each batch passes the prevout resolution stage first, as in ingest. Options: <c>--tx N</c>, <c>--block-tx N</c>, <c>--batch-blocks N</c>.
/// </summary>
public sealed class StoreWriteBenchmark : IBenchmark
{
    public string Name => "store-write";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var totalTx = Option(args, "--tx", 200_000);
        var blockTx = Option(args, "--block-tx", 2_500);
        var batchBlocks = Option(args, "--batch-blocks", 4);

        var chain = new SyntheticUtxoChain(seed: 42);
        var blocks = new List<UtxoBlock>();
        for (var written = 0; written < totalTx; written += blockTx)
        {
            blocks.Add(chain.NextBlock(Math.Min(blockTx, totalTx - written), unknownPrevoutShare: 0.2));
        }

        var directory = Path.Combine(Path.GetTempPath(), $"chaintrace-store-bench-{Guid.NewGuid():N}");
        try
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var stopwatch = Stopwatch.StartNew();
            long transactions = 0, resolved = 0;
            await using (var store = await SqliteGraphStore.OpenAsync(Path.Combine(directory, "graph.db"), cancellationToken).ConfigureAwait(false))
            {
                var resolver = new PrevoutResolver(store);
                for (var i = 0; i < blocks.Count; i += batchBlocks)
                {
                    var resolution = await resolver.ResolveAsync(blocks.GetRange(i, Math.Min(batchBlocks, blocks.Count - i)), cancellationToken).ConfigureAwait(false);
                    var result = await store.WriteBlocksAsync(resolution.Blocks, cancellationToken).ConfigureAwait(false);
                    resolver.Remember(resolution.Blocks);
                    transactions += result.Transactions;
                    resolved += resolution.Resolved;
                }
            }

            var seconds = stopwatch.Elapsed.TotalSeconds;
            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            var rows = transactions + chain.Inputs + chain.Outputs + blocks.Count;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wrote {transactions} tx, {chain.Inputs} inputs ({resolved} resolved from store), {chain.Outputs} outputs in {seconds:F2} s ({cpuSeconds:F2} s CPU)"));
            BenchLine.Print(Name,
                ("tx_per_s", transactions / seconds),
                ("rows_per_s", rows / seconds),
                ("peak_mb", BenchLine.PeakMb()));
            return 0;
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], CultureInfo.InvariantCulture) : fallback;
    }
}
