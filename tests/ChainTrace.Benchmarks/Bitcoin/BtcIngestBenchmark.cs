using System.Diagnostics;
using System.Globalization;
using ChainTrace.Bitcoin.Blocks;
using ChainTrace.Bitcoin.Mapping;
using ChainTrace.Core.Ingest;
using ChainTrace.Storage.Sqlite;
using ChainTrace.TestSupport;
using NBitcoin;
using CoreNetwork = ChainTrace.Core.Chains.Network;

namespace ChainTrace.Benchmarks.Bitcoin;

/// <summary>
/// The full Bitcoin pipeline on real blocks: the shared mainnet blocks repeated into ≥ 200k distinct
/// transactions, written as a Bitcoin Core blocks directory, then indexed, parsed, mapped and written into a
/// fresh SQLite store by the same coordinator the CLI uses. Baseline in the same run: NBitcoin parse + txid
/// alone over the same bytes. Peak memory is the ingest phase's (the peak counter is reset before it).
/// Options: <c>--tx N</c>.
/// </summary>
public sealed class BtcIngestBenchmark : IBenchmark
{
    public string Name => "btc-ingest";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var target = args.Length >= 2 && args[0] == "--tx" ? long.Parse(args[1], CultureInfo.InvariantCulture) : 200_000L;
        var work = Path.Combine(Path.GetTempPath(), $"chaintrace-btc-ingest-{Guid.NewGuid():N}");
        var blocksDir = Path.Combine(work, "blocks");
        try
        {
            // A shared block whose transactions do not give its header's merkle root (block_413567.raw) is refused by ingest: leave it out.
            var sourceBlocks = Directory.EnumerateFiles(SharedData.Path("bitcoin", "raw"), "block_*.raw").Order().Select(File.ReadAllBytes)
                .Where(raw => Block.Load(raw, Network.Main).CheckMerkleRoot()).ToList();
            var blocks = BlockRepeater.Repeat(sourceBlocks, target, startHeight: 1);
            var totalTx = WriteBlocksDir(blocksDir, blocks);
            Console.WriteLine($"{blocks.Count} blocks, {totalTx} transactions, {blocks.Sum(b => (long)b.Block.Length) / (1024 * 1024)} MB in {blocksDir}");
            blocks = null;
            GC.Collect();
            ResetPeakMemory();

            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var store = await SqliteGraphStore.OpenAsync(Path.Combine(work, "graph.db"), cancellationToken);
            IngestSummary summary;
            await using (store)
            {
                var source = new BlocksDirectorySource(new BlocksDirectorySourceOptions(blocksDir, CoreNetwork.Main, StartHeight: 1));
                summary = await new UtxoIngestor(store, source).RunAsync(new UtxoIngestOptions(), null, cancellationToken);
            }

            var cpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpuBefore).TotalSeconds;
            var peakMb = BenchLine.PeakMb();
            var parseTxPerSecond = MeasureParse(blocksDir, cancellationToken);
            var ingestTxPerSecond = summary.Transactions / summary.Elapsed.TotalSeconds;
            Console.WriteLine($"ingest: {summary.BlocksWritten} blocks, {summary.Transactions} tx, {summary.InputsResolvedFromStore} inputs resolved from store, {summary.Elapsed.TotalSeconds:F2} s");
            BenchLine.Print(Name,
                ("tx_per_s", ingestTxPerSecond),
                ("parse_tx_per_s", parseTxPerSecond),
                ("ratio", ingestTxPerSecond / parseTxPerSecond),
                ("cpu_s", cpuSeconds),
                ("cpu_tx_per_s", summary.Transactions / cpuSeconds),
                ("peak_mb", peakMb));
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

    private static long WriteBlocksDir(string directory, List<(long Height, byte[] Block)> blocks)
    {
        Directory.CreateDirectory(directory);
        const long maxFileBytes = 128L * 1024 * 1024;
        long transactions = 0;
        var file = 0;
        FileStream? stream = null;
        try
        {
            foreach (var (_, raw) in blocks)
            {
                if (stream is null || stream.Length + raw.Length + 8 > maxFileBytes)
                {
                    stream?.Dispose();
                    stream = File.Create(Path.Combine(directory, $"blk{file++:D5}.dat"));
                }

                stream.Write(NetworkMagic.Main);
                stream.Write(BitConverter.GetBytes((uint)raw.Length));
                stream.Write(raw);
                transactions += CountTransactions(raw);
            }
        }
        finally
        {
            stream?.Dispose();
        }

        return transactions;
    }

    private static long CountTransactions(byte[] raw)
    {
        // The transaction count is the compact size right after the 80-byte header.
        var first = raw[80];
        return first switch
        {
            < 0xfd => first,
            0xfd => BitConverter.ToUInt16(raw, 81),
            _ => BitConverter.ToUInt32(raw, 81),
        };
    }

    /// <summary>NBitcoin parse + txid of every block in the directory, bytes already in memory (the floor any ingest pays).</summary>
    private static double MeasureParse(string blocksDir, CancellationToken cancellationToken)
    {
        var raws = new List<byte[]>();
        foreach (var path in Directory.EnumerateFiles(blocksDir, "blk*.dat").Order())
        {
            var bytes = File.ReadAllBytes(path);
            for (var offset = 0; offset + 8 <= bytes.Length;)
            {
                var length = BitConverter.ToInt32(bytes, offset + 4);
                raws.Add(bytes.AsSpan(offset + 8, length).ToArray());
                offset += 8 + length;
            }
        }

        foreach (var raw in raws.Take(20))
        {
            Block.Load(raw, Network.Main);
        }

        long transactions = 0;
        var clock = Stopwatch.StartNew();
        foreach (var raw in raws)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var block = Block.Load(raw, Network.Main);
            foreach (var tx in block.Transactions)
            {
                tx.GetHash();
            }

            transactions += block.Transactions.Count;
        }

        return transactions / clock.Elapsed.TotalSeconds;
    }

    private static void ResetPeakMemory()
    {
        try
        {
            // Linux: writing 5 to clear_refs resets the peak resident set size (VmHWM).
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
