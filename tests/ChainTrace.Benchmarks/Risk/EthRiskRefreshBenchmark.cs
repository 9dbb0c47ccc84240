using System.Diagnostics;
using ChainTrace.Cli.Hosting;
using ChainTrace.Risk;
using ChainTrace.Risk.Exposure;

namespace ChainTrace.Benchmarks.Risk;

/// <summary>
/// The Ethereum half of the bulk risk pass (<c>risk refresh</c> over <c>risk/eth.db</c>) on the simulator's <c>risk</c>
/// economy at <c>--scale N</c> (default 20: 600,000 Ethereum transactions; its Ethereum part grows with the scale,
/// unlike <c>large</c>'s), only its Ethereum export ingested, its TagPack imported and an Ethereum model trained on it
/// through the real commands, so the pass computes exposure (addresses and deposit clusters), features, the model's
/// probability with explanations, scores and the file. <c>addresses_per_s</c> = accounts scored ÷ the full pass's
/// seconds; then the same pass with no model (<c>no_model_seconds</c>) in the same run. Options: <c>--scale N</c>,
/// <c>--work DIR</c> (keep and reuse the store).
/// </summary>
public sealed class EthRiskRefreshBenchmark : IBenchmark
{
    public string Name => "eth-risk-refresh";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var scale = ScoredStore.Option(args, "--scale") ?? "20";
        var keep = ScoredStore.Option(args, "--work");
        var work = keep ?? Path.Combine(Path.GetTempPath(), $"chaintrace-bench-eth-risk-{Guid.NewGuid():N}");
        var sim = Path.Combine(work, "sim");
        var data = Path.Combine(work, "data");
        try
        {
            if (!File.Exists(Path.Combine(work, "built")))
            {
                var clock = Stopwatch.StartNew();
                await ScoredStore.CliAsync(["simulate", "--scenario", "risk", "--scale", scale, "--seed", "13", "--out", sim, "--fast"], cancellationToken);
                await ScoredStore.CliAsync(["--data", data, "ingest", "eth", "--etl", Path.Combine(sim, "eth", "etl")], cancellationToken);
                await ScoredStore.CliAsync(["--data", data, "labels", "import", Path.Combine(sim, "labels", "tagpack.yaml"), "--network", "regtest"], cancellationToken);
                await ScoredStore.CliAsync(["--data", data, "model", "train", "--chain", "eth", "--truth", sim], cancellationToken);
                await File.WriteAllTextAsync(Path.Combine(work, "built"), scale, cancellationToken);
                Console.WriteLine($"risk economy (scale {scale}) simulated, Ethereum ingested, labelled, model trained: {clock.Elapsed.TotalSeconds:F1} s");
            }

            var labels = await new DataDirectory(new DirectoryInfo(data)).OpenLabelsAsync(cancellationToken);
            var withModel = await EthRiskRefresh.RunAsync(data, labels, new ExposureOptions(), null, cancellationToken, full: true);
            Console.WriteLine(withModel.Line());
            var models = Path.Combine(data, "models");
            var aside = Path.Combine(work, "models-aside");
            Directory.Move(models, aside);
            RiskRefreshSummary bare;
            try
            {
                bare = await EthRiskRefresh.RunAsync(data, labels, new ExposureOptions(), null, cancellationToken, full: true);
                Console.WriteLine(bare.Line());
            }
            finally
            {
                Directory.Move(aside, models);
            }

            var seconds = withModel.Elapsed.TotalSeconds;
            BenchLine.Print(Name, ("addresses_per_s", Math.Round(withModel.Addresses / seconds)), ("seconds", seconds), ("addresses", withModel.Addresses),
                ("no_model_seconds", bare.Elapsed.TotalSeconds));
            return 0;
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            if (keep is null && Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }
}
