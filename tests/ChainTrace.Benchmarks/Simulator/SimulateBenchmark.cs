using System.Diagnostics;
using System.Globalization;
using ChainTrace.Simulator;

namespace ChainTrace.Benchmarks.Simulator;

/// <summary>
/// Generates the <c>large</c> economy into a temp directory and reports Bitcoin transactions per second.
/// Options: <c>--scale N</c> (default 1,000,000 fast / 20,000 signed), <c>--signed</c>, <c>--scenario NAME</c>,
/// <c>--out DIR</c> (keep the output), <c>--seed N</c>. <c>tx_per_s</c> is wall-clock; <c>cpu_tx_per_s</c> divides by
/// the process's CPU time, which stays meaningful when other work shares the cores.
/// </summary>
public sealed class SimulateBenchmark : IBenchmark
{
    public string Name => "simulate";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var signed = args.Contains("--signed");
        var scale = int.Parse(Option(args, "--scale") ?? (signed ? "20000" : "1000000"), CultureInfo.InvariantCulture);
        var scenario = Option(args, "--scenario") ?? "large";
        var seed = ulong.Parse(Option(args, "--seed") ?? "7", CultureInfo.InvariantCulture);
        var keep = Option(args, "--out");
        var outDir = keep ?? Path.Combine(Path.GetTempPath(), $"chaintrace-bench-sim-{Environment.ProcessId}");
        try
        {
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var sw = Stopwatch.StartNew();
            var summary = await ChainTrace.Simulator.Simulator.RunAsync(
                new SimulationOptions { Scenario = scenario, Seed = seed, OutDir = outDir, Scale = scale, Signed = signed },
                cancellationToken);
            sw.Stop();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;
            var bytes = Directory.EnumerateFiles(Path.Combine(outDir, "btc", "blocks")).Sum(f => new FileInfo(f).Length);
            Console.WriteLine(
                $"scenario={scenario} btc_tx={summary.BitcoinTransactions} btc_blocks={summary.BitcoinBlocks} eth_tx={summary.EthereumTransactions} " +
                $"entities={summary.Entities} addresses={summary.Addresses} blk_mb={bytes / (1024 * 1024)} seconds={sw.Elapsed.TotalSeconds:F1} cpu_seconds={cpu.TotalSeconds:F1} " +
                $"gc0={GC.CollectionCount(0)} gc1={GC.CollectionCount(1)} gc2={GC.CollectionCount(2)} gc_pause_s={GC.GetTotalPauseDuration().TotalSeconds:F1} alloc_mb={GC.GetTotalAllocatedBytes() / (1024 * 1024)}");
            BenchLine.Print(
                Name,
                ("tx_per_s", (double)(long)(summary.BitcoinTransactions / sw.Elapsed.TotalSeconds)),
                ("signed", signed ? "true" : "false"),
                ("btc_tx", summary.BitcoinTransactions),
                ("seconds", sw.Elapsed.TotalSeconds),
                ("cpu_tx_per_s", (double)(long)(summary.BitcoinTransactions / cpu.TotalSeconds)),
                ("peak_mb", BenchLine.PeakMb()));
            return 0;
        }
        finally
        {
            if (keep is null && Directory.Exists(outDir))
            {
                Directory.Delete(outDir, recursive: true);
            }
        }
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
