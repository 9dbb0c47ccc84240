using System.Globalization;
using ChainTrace.TestSupport;

namespace ChainTrace.Index.Tests;

/// <summary>
/// The tracing engine against the simulator's own taint ledger, through <c>eval tracing</c>: forward traces from
/// every flagged Bitcoin source of the economy, under FIFO, haircut and poison, stopping at labelled exchanges.
/// </summary>
public sealed class SimulatorTracingTests : IDisposable
{
    private readonly TempDir _temp = new("trace-sim");

    public void Dispose() => _temp.Dispose();

    [Theory]
    [InlineData("ransomware-to-exchange")]
    [InlineData("demo")]
    public async Task Bitcoin_EveryExchangeIsFound_FifoAndHaircutExact_PoisonASuperset(string scenario)
    {
        var sim = await LabelledAsync(scenario);

        AssertTruthMet((await Cli.RunAsync("eval", "tracing", "--truth", sim.Truth, "--data", sim.Data)).Trim());
    }

    /// <summary>
    /// In the demo economy of seed 6 some of the hacker's coins pass through the mixer and ordinary users' change
    /// for more than ten transactions before they reach an exchange. The ledger counts that value at the exchange, so
    /// the evaluation's traces must not stop at the API's hop limit (capped at ten: FIFO 0.106, haircut 0.099 off).
    /// </summary>
    [Fact]
    public async Task Bitcoin_TaintMoreThanTenHopsFromItsSource_IsCountedAtTheExchangeAsTheLedgerCountsIt()
    {
        var sim = await LabelledAsync("demo", seed: 6);

        AssertTruthMet((await Cli.RunAsync("eval", "tracing", "--truth", sim.Truth, "--data", sim.Data)).Trim());
    }

    /// <summary>
    /// A trace cut short by its time budget would score partial figures as if complete: with no time at all, the
    /// evaluation names the trace and prints no EVAL line; a negative budget is refused.
    /// </summary>
    [Fact]
    public async Task Bitcoin_ATraceThatRunsOutOfTime_EndsTheEvaluationWithAnError_NotPartialFigures()
    {
        var sim = await LabelledAsync("demo", seed: 6);

        var (code, output, error) = await Cli.TryAsync("eval", "tracing", "--truth", sim.Truth, "--data", sim.Data, "--time-budget", "0");
        Assert.Equal(2, code);
        Assert.DoesNotContain("EVAL", output, StringComparison.Ordinal);
        Assert.Matches(@"trace from source entity \d+ stopped at its time budget of 0 s", error);

        var negative = await Cli.TryAsync("eval", "tracing", "--truth", sim.Truth, "--data", sim.Data, "--time-budget", "-1");
        Assert.Equal(2, negative.Code);
        Assert.Contains("--time-budget", negative.Error, StringComparison.Ordinal);
    }

    /// <summary>The Ethereum hacker's ether (gas first, then value, then internal calls, through the mixer and peel hops), in ETL-ingested data.</summary>
    [Theory]
    [InlineData("demo")]
    [InlineData("small")]
    public async Task Ethereum_TheHackersEther_EveryExchangeIsFound_FifoAndHaircutExact_PoisonASuperset(string scenario)
    {
        var sim = await LabelledAsync(scenario, eth: true);

        AssertTruthMet((await Cli.RunAsync("eval", "tracing", "--truth", sim.Truth, "--chain", "eth", "--data", sim.Data)).Trim());

        // A token trace follows that token's Transfer events only (position = log index), never ether or gas.
        var roles = File.ReadLines(Path.Combine(sim.Truth, "addresses.jsonl")).Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("chain").GetString() == "eth").ToList();
        string Role(string role) => roles.First(e => e.GetProperty("role").GetString() == role).GetProperty("address").GetString()!;
        var token = Role("token_contract");
        var json = await Cli.RunAsync("trace", "eth", Role("hot_wallet"), "--direction", "forward", "--asset", token, "--stop", "mixing_service", "--data", sim.Data);
        var edges = System.Text.Json.JsonDocument.Parse(json).RootElement.GetProperty("edges").EnumerateArray().ToList();
        Assert.NotEmpty(edges);
        Assert.All(edges, e => Assert.Matches(@"^0x[0-9a-f]{64}:\d+$", e.GetProperty("outpoint").GetString()!));
    }

    /// <summary>A simulated economy ingested, clustered and given its TagPack.</summary>
    private async Task<SimulatedData> LabelledAsync(string scenario, ulong seed = 1, bool eth = false)
    {
        var sim = await SimulatedData.CreateAsync(_temp, scenario, eth, seed);
        await Cli.RunAsync("cluster", "update", "--data", sim.Data);
        await Cli.RunAsync("labels", "import", Path.Combine(sim.Sim, "labels", "tagpack.yaml"), "--network", "regtest", "--data", sim.Data);
        return sim;
    }

    private static void AssertTruthMet(string line)
    {
        Assert.Matches(@"^EVAL tracing sources=\d+ endpoint_recall=\S+ fifo_max_rel_err=\S+ haircut_max_rel_err=\S+ poison_superset=(true|false)$", line);
        var figures = line["EVAL tracing ".Length..].Split(' ').Select(p => p.Split('=')).ToDictionary(p => p[0], p => p[1]);
        Assert.True(int.Parse(figures["sources"], CultureInfo.InvariantCulture) >= 1, line);
        Assert.Equal(1.0, double.Parse(figures["endpoint_recall"], CultureInfo.InvariantCulture));
        Assert.True(double.Parse(figures["fifo_max_rel_err"], CultureInfo.InvariantCulture) == 0.0, line);
        Assert.True(double.Parse(figures["haircut_max_rel_err"], CultureInfo.InvariantCulture) == 0.0, line);
        Assert.Equal("true", figures["poison_superset"]);
    }
}
