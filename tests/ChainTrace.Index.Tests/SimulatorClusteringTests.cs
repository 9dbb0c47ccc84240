using ChainTrace.TestSupport;

namespace ChainTrace.Index.Tests;

/// <summary>The stored clusters against the simulator's ground truth, through <c>cluster update</c> and <c>eval clustering</c>.</summary>
public sealed class SimulatorClusteringTests : IDisposable
{
    private readonly TempDir _temp = new("cluster-sim");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task CoinJoinHeavy_DefaultPolicyIsPrecise_AndWithoutExclusionCollapses()
    {
        var sim = await SimulatedData.CreateAsync(_temp, "coinjoin-heavy");

        var guarded = await sim.ClusterAndEvaluateAsync("btc");
        Assert.True(guarded["precision"] >= 0.995, $"precision {guarded["precision"]}");
        Assert.True(guarded["largest"] <= guarded["largest_true"], $"largest cluster {guarded["largest"]} > largest entity {guarded["largest_true"]}");
        Assert.True(guarded["recall"] > 0.05, $"recall {guarded["recall"]}: co-spend merged next to nothing");

        var unguarded = await sim.ClusterAndEvaluateAsync("btc", "--no-coinjoin-exclusion");
        Assert.True(unguarded["precision"] < guarded["precision"] - 0.2, $"without exclusion precision {unguarded["precision"]} vs {guarded["precision"]}");

        // Back to the default policy: the clusters are recomputed and the same figures come back.
        Assert.Equal(guarded, await sim.ClusterAndEvaluateAsync("btc", "--supercluster-threshold", "10000"));
    }

    [Fact]
    public async Task CoinJoinHeavy_ChangeMergingGainsRecall_AndKeepsPrecision()
    {
        var sim = await SimulatedData.CreateAsync(_temp, "coinjoin-heavy");

        var coSpendOnly = await sim.ClusterAndEvaluateAsync("btc");
        var withChange = await sim.ClusterAndEvaluateAsync("btc", "--change-merge-confidence", "70");

        Assert.True(withChange["recall"] > coSpendOnly["recall"], $"recall {withChange["recall"]} vs {coSpendOnly["recall"]}");
        Assert.True(withChange["precision"] >= 0.98, $"precision {withChange["precision"]}");
    }

    [Fact]
    public async Task Demo_EthereumDepositHeuristic_IsPrecise()
    {
        var sim = await SimulatedData.CreateAsync(_temp, "demo", eth: true);

        var eth = await sim.ClusterAndEvaluateAsync("eth");

        Assert.True(eth["precision"] >= 0.99, $"precision {eth["precision"]}");
        Assert.True(eth["recall"] > 0.3, $"recall {eth["recall"]}");
        Assert.True(eth["largest"] <= eth["largest_true"]);
    }

    [Fact]
    public async Task Eval_NamesTheFileAndLineOfMalformedTruth()
    {
        var sim = await SimulatedData.CreateAsync(_temp, "small");
        await Cli.RunAsync("cluster", "update", "--data", sim.Data);
        var truth = _temp.File("bad-truth");
        Directory.CreateDirectory(truth);
        var lines = File.ReadLines(Path.Combine(sim.Truth, "addresses.jsonl")).Take(3).Append("{\"chain\":\"btc\",\"address\":").ToArray();
        await File.WriteAllLinesAsync(Path.Combine(truth, "addresses.jsonl"), lines);

        var malformed = await Cli.TryAsync("eval", "clustering", "--truth", truth, "--data", sim.Data);
        var missing = await Cli.TryAsync("eval", "clustering", "--truth", _temp.File("nowhere"), "--data", sim.Data);

        Assert.Equal(2, malformed.Code);
        Assert.Contains("addresses.jsonl:4:", malformed.Error, StringComparison.Ordinal);
        Assert.Equal(2, missing.Code);
        Assert.Contains(Path.Combine(_temp.File("nowhere"), "addresses.jsonl"), missing.Error, StringComparison.Ordinal);
    }
}
