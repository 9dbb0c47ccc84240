using ChainTrace.TestSupport;

namespace ChainTrace.Cli.Tests;

/// <summary><c>model evaluate</c> as a user runs it.</summary>
public sealed class ModelCliTests
{
    [Fact]
    public async Task Evaluate_OnAStoreWithoutLabels_WarnsThatExposureFeaturesAreZero_AndStillPrintsItsLine()
    {
        using var temp = new TempDir("model-cli");
        var sim = Path.Combine(temp.Path, "sim");
        Assert.Equal(0, (await CliRunner.RunAsync("simulate", "--scenario", "risk", "--seed", "37", "--out", sim, "--fast")).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("ingest", "btc", "--network", "regtest", "--blocks-dir", Path.Combine(sim, "btc", "blocks"), "--data", temp.Path)).ExitCode);

        var (code, output, error) = await CliRunner.RunAsync("model", "evaluate", "--truth", sim, "--data", temp.Path);

        Assert.True(code == 0, error);
        Assert.StartsWith("EVAL model auc=", output.Trim(), StringComparison.Ordinal);
        Assert.Contains($"warning: {temp.Path} has no btc labels: the exposure features are all zero", error, StringComparison.Ordinal);
    }
}
