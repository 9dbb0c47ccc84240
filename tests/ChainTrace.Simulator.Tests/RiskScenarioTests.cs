using ChainTrace.TestSupport;

namespace ChainTrace.Simulator.Tests;

public sealed class RiskScenarioTests
{
    [Fact]
    public async Task Risk_HasTwoHundredIllicitEntitiesOfFiveKinds_SomeUnlabelled_AndOddUsers()
    {
        using var dir = new TempDir("risk");
        await Simulator.RunAsync(new SimulationOptions { Scenario = "risk", Seed = 7, OutDir = dir.Path, Signed = false, Scale = 1 }, CancellationToken.None);
        var entities = TruthFiles.Truth(dir.Path, "entities.jsonl");
        var illicit = entities.Where(e => e.GetProperty("name").GetString()!.StartsWith("illicit-", StringComparison.Ordinal)).ToList();
        Assert.True(illicit.Count >= 200, $"{illicit.Count} illicit entities");
        Assert.True(illicit.Select(e => e.GetProperty("category").GetString()).Distinct().Count() >= 5);
        var unlabelled = illicit.Where(e => !e.GetProperty("labelled").GetBoolean()).ToList();
        Assert.InRange(unlabelled.Count, 1, illicit.Count / 2);
        Assert.Contains(entities, e => e.GetProperty("name").GetString()!.StartsWith("odd-user-", StringComparison.Ordinal));

        // The unlabelled ones are really missing from the TagPack, the labelled ones are in it.
        var tagpack = File.ReadAllText(Path.Combine(dir.Path, "labels", "tagpack.yaml"));
        Assert.DoesNotContain($"actor: sim-entity-{unlabelled[0].GetProperty("entity_id").GetInt32()}\n", tagpack, StringComparison.Ordinal);
        Assert.Contains($"actor: sim-entity-{illicit[0].GetProperty("entity_id").GetInt32()}\n", tagpack, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Demo_DustsThreeUsersFromTheSanctionedEntity_WhoNeverSpendIt()
    {
        using var dir = new TempDir("dust");
        var summary = await Simulator.RunAsync(new SimulationOptions { Scenario = "demo", Seed = 3, OutDir = dir.Path, Signed = false, RecordTransactions = true }, CancellationToken.None);
        var entities = TruthFiles.Truth(dir.Path, "entities.jsonl").ToDictionary(e => e.GetProperty("entity_id").GetInt32());
        var dusted = TruthFiles.Truth(dir.Path, "addresses.jsonl").Where(a => a.GetProperty("role").GetString() == "dusted").ToList();
        Assert.Equal(3, dusted.Count);
        Assert.All(dusted, a => Assert.Equal("user", entities[a.GetProperty("entity_id").GetInt32()].GetProperty("category").GetString()));
        var sanctioned = entities.Values.Single(e => e.GetProperty("category").GetString() == "sanction").GetProperty("entity_id").GetInt32();
        var texts = dusted.Select(a => a.GetProperty("address").GetString()).ToHashSet();
        var dustTx = summary.RecordedBitcoinTransactions!.Single(t => t.Outputs.Any(o => texts.Contains(o.Address)));
        Assert.All(dustTx.Inputs, i => Assert.Equal(sanctioned, i.EntityId));
        Assert.All(dustTx.Outputs.Where(o => texts.Contains(o.Address)), o => Assert.Equal(600, o.Value));
        Assert.DoesNotContain(summary.RecordedBitcoinTransactions!, t => t.Inputs.Any(i => texts.Contains(i.Address)));
    }
}
