using System.Diagnostics;
using ChainTrace.TestSupport;

namespace ChainTrace.Cli.Tests;

public sealed class ReorgAndCrashTests : IDisposable
{
    private readonly TempDir _temp = new("reorg");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Ingest_CompetingBranchWithMoreWork_RollsBackToForkAndFollowsIt()
    {
        var builder = new RegtestChainBuilder(seed: 7);
        var genesis = RegtestChainBuilder.Genesis;
        var common = builder.Extend(genesis, 1, 5, txPerBlock: 3);
        var branchA = builder.Extend(common[^1], 6, 5, txPerBlock: 3, tag: "a");
        var branchB = builder.Extend(common[^1], 6, 7, txPerBlock: 3, tag: "b");
        var dirA = _temp.File("a");
        var dirB = _temp.File("b");
        RegtestChainBuilder.WriteBlocksDir(dirA, [genesis, .. common, .. branchA]);
        // The node's directory keeps the stale branch too: the source must pick the best chain.
        RegtestChainBuilder.WriteBlocksDir(dirB, [genesis, .. common, .. branchA, .. branchB]);
        var data = _temp.File("data");

        var first = await CliRunner.RunAsync("ingest", "btc", "--network", "regtest", "--blocks-dir", dirA, "--data", data);
        var second = await CliRunner.RunAsync("ingest", "btc", "--network", "regtest", "--blocks-dir", dirB, "--data", data);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains($"tip 10 {branchA[^1].GetHash()}", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, second.ExitCode);
        Assert.Contains("1 reorgs (5 blocks rolled back)", second.Output, StringComparison.Ordinal);
        Assert.Contains($"tip 12 {branchB[^1].GetHash()}", second.Output, StringComparison.Ordinal);

        var staleTx = await CliRunner.RunAsync("tx", "btc", branchA[^1].Transactions[1].GetHash().ToString(), "--data", data);
        var liveTx = await CliRunner.RunAsync("tx", "btc", branchB[^1].Transactions[1].GetHash().ToString(), "--data", data);
        Assert.Equal(3, staleTx.ExitCode);
        Assert.Equal(0, liveTx.ExitCode);

        // The same end state as ingesting branch B alone: nothing of branch A is left behind.
        var fresh = _temp.File("fresh");
        RegtestChainBuilder.WriteBlocksDir(_temp.File("onlyB"), [genesis, .. common, .. branchB]);
        await CliRunner.RunAsync("ingest", "btc", "--network", "regtest", "--blocks-dir", _temp.File("onlyB"), "--data", fresh);
        Assert.Equal(await StoreDigest.ComputeAsync(fresh), await StoreDigest.ComputeAsync(data));
    }

    [Fact]
    [Trait("Category", "Integration")]
    public async Task Ingest_KilledWithSigkillAtAnyMoment_ResumesToExactlyTheUninterruptedState()
    {
        var builder = new RegtestChainBuilder(seed: 11);
        var genesis = RegtestChainBuilder.Genesis;
        var blocks = builder.Extend(genesis, 1, 3000, txPerBlock: 40);
        var dir = _temp.File("blocks");
        RegtestChainBuilder.WriteBlocksDir(dir, [genesis, .. blocks], blocksPerFile: 400);

        var reference = _temp.File("reference");
        Assert.Equal(0, (await CliRunner.RunAsync("ingest", "btc", "--network", "regtest", "--blocks-dir", dir, "--data", reference)).ExitCode);

        // Each run is killed at a different moment: the first while it indexes or writes its first batch, the
        // later ones a random moment after the stored tip has moved past another commit.
        var crashed = _temp.File("crashed");
        var random = new Random(3);
        var kills = 0;
        var timeline = new List<string>();
        for (var attempt = 0; attempt < 8; attempt++)
        {
            var tipBefore = StoredTip(crashed);
            timeline.Add($"run {attempt}: stored tip {tipBefore}");
            using var child = StartChild(dir, crashed);
            var finished = attempt == 0
                ? child.WaitForExit(random.Next(150, 400))
                : await WaitForTipAboveAsync(child, crashed, tipBefore);
            if (!finished && !child.WaitForExit(random.Next(0, 250)))
            {
                child.Kill(entireProcessTree: true); // SIGKILL: no chance to clean up
                await child.WaitForExitAsync();
                kills++;
                timeline.Add("  killed");
                continue;
            }

            timeline.Add($"  finished with exit code {child.ExitCode}");
            Assert.Equal(0, child.ExitCode);
            break;
        }

        Assert.True(kills >= 2, $"only {kills} kill(s) landed mid-ingest; the data set is too small to test crashes:\n{string.Join('\n', timeline)}");
        var final = await CliRunner.RunAsync("ingest", "btc", "--network", "regtest", "--blocks-dir", dir, "--data", crashed);
        Assert.Equal(0, final.ExitCode);
        Assert.Equal(await StoreDigest.ComputeAsync(reference), await StoreDigest.ComputeAsync(crashed));
    }

    /// <summary>True when the child exited; false once another batch has been committed above <paramref name="tipBefore"/>.</summary>
    private static async Task<bool> WaitForTipAboveAsync(Process child, string data, long tipBefore)
    {
        while (!child.HasExited)
        {
            if (StoredTip(data) > tipBefore)
            {
                return false;
            }

            await Task.Delay(10);
        }

        return true;
    }

    private static long StoredTip(string data)
    {
        var path = Path.Combine(data, "graph.db");
        if (!File.Exists(path))
        {
            return -1;
        }

        try
        {
            using var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={path};Mode=ReadOnly;Pooling=False");
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "SELECT coalesce(max(height), -1) FROM blocks";
            return Convert.ToInt64(command.ExecuteScalar(), System.Globalization.CultureInfo.InvariantCulture);
        }
        catch (Microsoft.Data.Sqlite.SqliteException)
        {
            // The schema may not exist yet while the child opens the store for the first time.
            return -1;
        }
    }

    private static Process StartChild(string blocksDir, string data)
    {
        var cli = Path.Combine(AppContext.BaseDirectory, "chaintrace.dll");
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { cli, "ingest", "btc", "--network", "regtest", "--blocks-dir", blocksDir, "--data", data },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        var process = Process.Start(info)!;
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return process;
    }
}
