using System.Diagnostics;
using System.Globalization;
using ChainTrace.Simulator;
using ChainTrace.Simulator.Ethereum.Replay;
using ChainTrace.TestSupport.Ethereum;

namespace ChainTrace.Benchmarks.Simulator;

/// <summary>
/// Generates a scenario's Ethereum economy and replays it onto a fresh Anvil node (ANVIL_PATH or
/// scripts/install-eth-tools.sh), reporting replayed transactions per second. Options: <c>--scenario NAME</c>
/// (default demo), <c>--scale N</c> (default 10: 15,000 transactions, 150 a block), <c>--seed N</c>.
/// </summary>
public sealed class AnvilReplayBenchmark : IBenchmark
{
    public string Name => "anvil-replay";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var scenario = Option(args, "--scenario") ?? "demo";
        var scale = int.Parse(Option(args, "--scale") ?? "10", CultureInfo.InvariantCulture);
        var seed = ulong.Parse(Option(args, "--seed") ?? "7", CultureInfo.InvariantCulture);
        var outDir = Path.Combine(Path.GetTempPath(), $"chaintrace-bench-replay-{Environment.ProcessId}");
        try
        {
            var summary = await ChainTrace.Simulator.Simulator.RunAsync(
                new SimulationOptions { Scenario = scenario, Seed = seed, OutDir = outDir, Scale = scale, Signed = false, RecordEthereum = true },
                cancellationToken);
            await using var anvil = await AnvilNode.StartAsync(cancellationToken);
            var sw = Stopwatch.StartNew();
            var replay = await AnvilReplayer.ReplayAsync(anvil.Endpoint, summary.EthereumPlan!, cancellationToken);
            sw.Stop();
            BenchLine.Print(
                Name,
                ("tx_per_s", (double)(long)(replay.Transactions.Count / sw.Elapsed.TotalSeconds)),
                ("eth_tx", replay.Transactions.Count),
                ("blocks", replay.Blocks),
                ("seconds", sw.Elapsed.TotalSeconds),
                ("peak_mb", BenchLine.PeakMb()));
            return 0;
        }
        finally
        {
            if (Directory.Exists(outDir))
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
