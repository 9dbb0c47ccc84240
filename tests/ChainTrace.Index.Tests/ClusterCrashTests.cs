using System.Diagnostics;
using ChainTrace.Index.Clustering;
using ChainTrace.Index.Service;
using ChainTrace.Index.Utxo;
using ChainTrace.TestSupport;

namespace ChainTrace.Index.Tests;

/// <summary><c>cluster update</c> killed with SIGKILL at random moments, then rerun, ends exactly where an uninterrupted run does.</summary>
[Trait("Category", "Integration")]
public sealed class ClusterCrashTests : IDisposable
{
    private readonly TempDir _temp = new("cluster-crash");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task ClusterUpdate_KilledAtAnyMoment_RerunEndsInTheUninterruptedState()
    {
        var builder = new RegtestChainBuilder(seed: 13, keyCount: 20_000);
        var blocks = builder.Extend(RegtestChainBuilder.Genesis, 1, 2000, txPerBlock: 40);
        var dir = _temp.File("blocks");
        RegtestChainBuilder.WriteBlocksDir(dir, [RegtestChainBuilder.Genesis, .. blocks], blocksPerFile: 500);
        var reference = _temp.File("reference");
        var crashed = _temp.File("crashed");
        await Cli.RunAsync("ingest", "btc", "--network", "regtest", "--blocks-dir", dir, "--data", reference);
        await Cli.RunAsync("ingest", "btc", "--network", "regtest", "--blocks-dir", dir, "--data", crashed, "--no-cluster");

        var random = new Random(5);
        var kills = 0;
        var timeline = new List<string>();
        for (var attempt = 0; attempt < 8; attempt++)
        {
            // Short delays: on an idle machine the resumed update finishes in about a second, so longer ones rarely land mid-update.
            var delay = random.Next(100, 1000);
            using var child = Start(crashed);
            if (child.WaitForExit(delay))
            {
                timeline.Add($"run {attempt}: finished before {delay} ms, exit {child.ExitCode}");
                Assert.Equal(0, child.ExitCode);
                break;
            }

            child.Kill(entireProcessTree: true);
            await child.WaitForExitAsync();
            kills++;
            timeline.Add($"run {attempt}: killed after {delay} ms");
        }

        Assert.True(kills >= 2, $"only {kills} kill(s) landed mid-update:\n{string.Join('\n', timeline)}");
        await Cli.RunAsync("cluster", "update", "--data", crashed);
        Assert.Equal(Digests(reference), Digests(crashed));
    }

    private static (string ReadModel, string Clusters) Digests(string data)
    {
        var paths = new ReadModelPaths(data);
        using var model = BtcReadModel.Open(data);
        using var clusters = ClusterStore.Open(paths.BtcClusters);
        return (model.Index.Digest(), clusters.Digest());
    }

    private static Process Start(string data)
    {
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "chaintrace.dll"), "cluster", "update", "--data", data },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
