using System.Text.Json;

namespace ChainTrace.Simulator.Tests;

/// <summary>The <c>risk</c> scenario's Ethereum population, read back from the truth, the TagPack and the ETL files.</summary>
public sealed class EthereumRiskPopulationTests(RiskFastRun run) : IClassFixture<RiskFastRun>
{
    private static readonly string[] Kinds = ["ransomware", "scam", "market", "hacking", "sanction"];

    private List<JsonElement> Entities => TruthFiles.Truth(run.OutDir, "entities.jsonl");

    private List<JsonElement> EthAddresses =>
        TruthFiles.Truth(run.OutDir, "addresses.jsonl").Where(a => a.GetProperty("chain").GetString() == "eth").ToList();

    private List<JsonElement> Named(string prefix) =>
        Entities.Where(e => e.GetProperty("name").GetString()!.StartsWith(prefix, StringComparison.Ordinal)).ToList();

    private static int Id(JsonElement e) => e.GetProperty("entity_id").GetInt32();

    [Fact]
    public void EthereumIllicitEntities_AreTwoHundredOrMore_OfTheFiveKinds_RoughlyBalanced_AQuarterUnlabelled()
    {
        var illicit = Named("eth-illicit-");
        Assert.True(illicit.Count >= 200, $"{illicit.Count} Ethereum illicit entities");
        var perKind = illicit.GroupBy(e => e.GetProperty("category").GetString()!).ToDictionary(g => g.Key, g => g.Count());
        Assert.Equal(Kinds.Order(), perKind.Keys.Order());
        Assert.All(perKind.Values, n => Assert.InRange(n, illicit.Count / 6, illicit.Count / 4));
        var unlabelled = illicit.Count(e => !e.GetProperty("labelled").GetBoolean());
        Assert.InRange(unlabelled, illicit.Count / 6, illicit.Count / 3);

        // Every one has EOAs of its own on Ethereum, and no Bitcoin address (the Bitcoin model never sees them).
        var chainsOf = TruthFiles.Truth(run.OutDir, "addresses.jsonl").ToLookup(a => a.GetProperty("entity_id").GetInt32(), a => a.GetProperty("chain").GetString());
        Assert.All(illicit, e => Assert.Equal(["eth"], chainsOf[Id(e)].Distinct()));
    }

    [Fact]
    public void TagPack_ListsTheLabelledEthereumActorsAddressesAsEth_AndNoneOfTheUnlabelled()
    {
        var tagpack = File.ReadAllText(Path.Combine(run.OutDir, "labels", "tagpack.yaml"));
        var illicit = Named("eth-illicit-");
        var labelled = illicit.First(e => e.GetProperty("labelled").GetBoolean());
        var unlabelled = illicit.First(e => !e.GetProperty("labelled").GetBoolean());
        var address = EthAddresses.First(a => a.GetProperty("entity_id").GetInt32() == Id(labelled)).GetProperty("address").GetString();
        var tag = tagpack[tagpack.IndexOf($"- address: '{address}'\n", StringComparison.Ordinal)..];
        tag = tag[..tag.IndexOf("\n- ", 1, StringComparison.Ordinal)];
        Assert.Contains($"actor: sim-entity-{Id(labelled)}\n", tag, StringComparison.Ordinal);
        Assert.Contains("currency: ETH\n", tag, StringComparison.Ordinal);
        Assert.Contains($"category: {labelled.GetProperty("category").GetString()}\n", tag, StringComparison.Ordinal);
        Assert.Contains("abuse: ", tag, StringComparison.Ordinal);
        Assert.DoesNotContain($"actor: sim-entity-{Id(unlabelled)}\n", tagpack, StringComparison.Ordinal);
    }

    [Fact]
    public void MimicsHaveUsersRoles_ActorsIllicitRoles_AndOddUsersAreLicitUsers()
    {
        var roles = EthAddresses.ToLookup(a => a.GetProperty("entity_id").GetInt32(), a => a.GetProperty("role").GetString());
        var illicit = Named("eth-illicit-");
        var mimics = illicit.Where(e => roles[Id(e)].All(r => r == "eoa")).ToList();
        var actors = illicit.Where(e => roles[Id(e)].All(r => r == "illicit")).ToList();
        Assert.Equal(illicit.Count, mimics.Count + actors.Count);
        Assert.InRange(mimics.Count, illicit.Count / 10, illicit.Count / 5);
        Assert.Equal(Kinds.Order(), mimics.Select(m => m.GetProperty("category").GetString()!).Distinct().Order());

        var odd = Named("eth-odd-user-");
        Assert.True(odd.Count >= 50, $"{odd.Count} odd users");
        Assert.All(odd, e => Assert.Equal("user", e.GetProperty("category").GetString()));
        Assert.All(odd, e => Assert.False(e.GetProperty("labelled").GetBoolean()));
        Assert.All(odd, e => Assert.All(roles[Id(e)], r => Assert.Equal("eoa", r)));
        Assert.Contains(odd, e => roles[Id(e)].Count() > 1);
    }

    [Fact]
    public void EveryIllicitEntity_TransactsAFewTimes_AndOddUsersNeverWithAnActorsAccount()
    {
        var entityOf = EthAddresses.ToDictionary(a => a.GetProperty("address").GetString()!, a => (Id: a.GetProperty("entity_id").GetInt32(), Role: a.GetProperty("role").GetString()));
        var transfers = Transfers().ToList();
        var counts = new Dictionary<int, int>();
        foreach (var (from, to) in transfers)
        {
            foreach (var entity in new[] { from, to }.Where(entityOf.ContainsKey).Select(a => entityOf[a].Id).Distinct())
            {
                counts[entity] = counts.GetValueOrDefault(entity) + 1;
            }
        }

        var illicit = Named("eth-illicit-");
        Assert.All(illicit, e => Assert.True(counts.GetValueOrDefault(Id(e)) >= 3, $"{e.GetProperty("name").GetString()}: {counts.GetValueOrDefault(Id(e))} transfers"));
        var busy = illicit.Count(e => counts.GetValueOrDefault(Id(e)) >= 10);
        Assert.True(busy >= illicit.Count * 3 / 4, $"only {busy} of {illicit.Count} with ten transfers or more");

        var odd = Named("eth-odd-user-").Select(Id).ToHashSet();
        bool IsOdd(string a) => entityOf.TryGetValue(a, out var o) && odd.Contains(o.Id);
        bool IsActor(string a) => entityOf.TryGetValue(a, out var o) && o.Role == "illicit";
        Assert.DoesNotContain(transfers, t => (IsOdd(t.From) && IsActor(t.To)) || (IsActor(t.From) && IsOdd(t.To)));
    }

    /// <summary>Successful native transfers, token transfers and internal calls, as (from, to).</summary>
    private IEnumerable<(string From, string To)> Transfers()
    {
        var etl = Path.Combine(run.OutDir, "eth", "etl");
        foreach (var t in TruthFiles.Read(Path.Combine(etl, "traces.json")).Where(t => t.GetProperty("status").GetInt32() == 1))
        {
            if (t.GetProperty("to_address").GetString() is { } to)
            {
                yield return (t.GetProperty("from_address").GetString()!, to);
            }
        }

        foreach (var t in TruthFiles.Read(Path.Combine(etl, "token_transfers.json")))
        {
            yield return (t.GetProperty("from_address").GetString()!, t.GetProperty("to_address").GetString()!);
        }
    }
}
