using System.Diagnostics;
using System.Globalization;
using ChainTrace.Bitcoin.Mapping;
using ChainTrace.TestSupport;
using NBitcoin;
using CoreNetwork = ChainTrace.Core.Chains.Network;

namespace ChainTrace.Benchmarks.Bitcoin;

/// <summary>
/// NBitcoin parse + txid (the baseline) against our mapping to the UTXO model, over the shared mainnet
/// blocks repeated into distinct transactions. Options: <c>--tx N</c> (default 200000). The <c>_cpu_s</c>
/// figures divide by process CPU time instead of wall time: steadier on a machine shared with other work.
/// </summary>
public sealed class BtcParseBenchmark : IBenchmark
{
    public string Name => "btc-parse";

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Performance", "CA1849", Justification = "Synchronous by design (the measured loops must not await); its two console lines come after the measurement.")]
    public Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var target = 200_000L;
        for (var i = 0; i + 1 < args.Length; i++)
        {
            if (args[i] == "--tx")
            {
                target = long.Parse(args[i + 1], CultureInfo.InvariantCulture);
            }
        }

        var sources = Directory.EnumerateFiles(SharedData.Path("bitcoin", "raw"), "block_*.raw").Order().Select(File.ReadAllBytes).ToList();
        var blocks = BlockRepeater.Repeat(sources, target, startHeight: 1);
        long txs = 0, bytes = 0;
        foreach (var (_, raw) in blocks)
        {
            bytes += raw.Length;
        }

        // Warm-up so JIT tiers settle before timing.
        foreach (var (height, raw) in blocks.Take(sources.Count))
        {
            BitcoinBlockMapper.MapBlock(raw, height, CoreNetwork.Main);
        }

        var process = Process.GetCurrentProcess();
        var cpu0 = process.TotalProcessorTime;
        var parse = Stopwatch.StartNew();
        foreach (var (_, raw) in blocks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var block = Block.Load(raw, Network.Main);
            foreach (var tx in block.Transactions)
            {
                tx.GetHash();
            }

            txs += block.Transactions.Count;
        }

        parse.Stop();
        process.Refresh();
        var parseCpu = process.TotalProcessorTime - cpu0;
        var mapCpu = TimeSpan.Zero;

        var map = new Stopwatch();
        long mappedTransactions = 0;
        var distinct = new HashSet<ChainTrace.Core.Primitives.Hash32>();
        var unresolvedInBlockSpends = 0;
        foreach (var (height, raw) in blocks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var block = BitcoinBlockMapper.ParseBlock(raw);
            process.Refresh();
            var before = process.TotalProcessorTime;
            map.Start();
            var mapped = BitcoinBlockMapper.Map(block, height, CoreNetwork.Main);
            map.Stop();
            process.Refresh();
            mapCpu += process.TotalProcessorTime - before;
            mappedTransactions += mapped.Transactions.Count;
            var inBlock = new HashSet<ChainTrace.Core.Primitives.Hash32>();
            foreach (var tx in mapped.Transactions)
            {
                distinct.Add(tx.TxId);
                foreach (var input in tx.Inputs)
                {
                    if (input.Source != ChainTrace.Core.Utxo.PrevoutSource.Coinbase && !inBlock.Contains(input.PrevOut.TxId) && distinct.Contains(input.PrevOut.TxId))
                    {
                        unresolvedInBlockSpends++;
                    }
                }

                inBlock.Add(tx.TxId);
            }
        }

        var full = Stopwatch.StartNew();
        foreach (var (height, raw) in blocks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            BitcoinBlockMapper.MapBlock(raw, height, CoreNetwork.Main);
        }

        full.Stop();

        if (distinct.Count != txs || unresolvedInBlockSpends != 0)
        {
            Console.Error.WriteLine($"repeated blocks are wrong: {distinct.Count} distinct txids of {txs}, {unresolvedInBlockSpends} spends of earlier repetitions");
            return Task.FromResult(1);
        }

        Console.WriteLine($"{blocks.Count} blocks, {txs} transactions, {bytes / 1_000_000.0:F1} MB (all txids distinct)");
        BenchLine.Print(
            Name,
            ("parse_tx_per_s", txs / parse.Elapsed.TotalSeconds),
            ("map_tx_per_s", txs / map.Elapsed.TotalSeconds),
            ("parse_map_tx_per_s", txs / full.Elapsed.TotalSeconds),
            ("parse_tx_per_cpu_s", txs / parseCpu.TotalSeconds),
            ("map_tx_per_cpu_s", txs / mapCpu.TotalSeconds),
            ("txs", txs),
            ("peak_mb", BenchLine.PeakMb()));
        return Task.FromResult(0);
    }
}
