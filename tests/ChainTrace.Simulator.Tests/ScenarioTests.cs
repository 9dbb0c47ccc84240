using System.Numerics;
using ChainTrace.TestSupport;

namespace ChainTrace.Simulator.Tests;

public sealed class ScenarioTests
{
    [Theory]
    [InlineData("ransomware-to-exchange", 800)]
    [InlineData("coinjoin-heavy", 1_500)]
    [InlineData("demo", 3_000)]
    public async Task Scenario_ReachesItsSize_AndItsFlowsStayWithinWhatLeftTheSource(string scenario, int transactions)
    {
        using var dir = new TempDir("scn");
        var summary = await Simulator.RunAsync(new SimulationOptions { Scenario = scenario, Seed = 3, OutDir = dir.Path, Signed = false, RecordTransactions = true }, CancellationToken.None);
        Assert.Equal(transactions, summary.BitcoinTransactions);
        Assert.True(summary.EthereumTransactions > 0);

        var flows = TruthFiles.Truth(dir.Path, "flows.jsonl");
        Assert.NotEmpty(flows);
        foreach (var source in flows.GroupBy(f => f.GetProperty("source_entity_id").GetInt32()))
        {
            foreach (var model in new[] { "fifo", "haircut" })
            {
                var reached = source.Aggregate(BigInteger.Zero, (sum, f) => sum + BigInteger.Parse(f.GetProperty(model).GetString()!));
                Assert.True(reached <= BigInteger.Parse(source.First().GetProperty($"source_outflow_{model}").GetString()!));
            }
        }

        if (scenario == "coinjoin-heavy")
        {
            Assert.True(summary.RecordedBitcoinTransactions!.Count(t => t.Outputs.Count(o => o.Value == 10_000_000) >= 3) >= 10, "too few Wasabi-like rounds");
            Assert.True(summary.RecordedBitcoinTransactions!.Count(t => t.Inputs.Count == 5 && t.Outputs.All(o => o.Value == 5_000_000)) >= 10, "too few Whirlpool-like rounds");
        }

        if (scenario == "ransomware-to-exchange")
        {
            Assert.True(flows.Count(f => f.GetProperty("source_kind").GetString() == "ransom") >= 3, "ransom should reach several exchanges");
        }
    }
}
