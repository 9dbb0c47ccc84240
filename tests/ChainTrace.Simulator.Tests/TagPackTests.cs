using YamlDotNet.RepresentationModel;

namespace ChainTrace.Simulator.Tests;

public sealed class TagPackTests(SmallSignedRun run) : IClassFixture<SmallSignedRun>
{
    [Fact]
    public void TagPack_LabelsEveryAddressOfLabelledEntities_WithTheirTaxonomyCategory()
    {
        var yaml = new YamlStream();
        using (var reader = new StreamReader(Path.Combine(run.OutDir, "labels", "tagpack.yaml")))
        {
            yaml.Load(reader);
        }

        var root = (YamlMappingNode)yaml.Documents[0].RootNode;
        foreach (var key in new[] { "title", "creator", "confidence", "lastmod" })
        {
            Assert.True(root.Children.ContainsKey(key), $"header key {key} missing");
        }

        var tags = ((YamlSequenceNode)root["tags"]).Cast<YamlMappingNode>().ToList();
        var truth = TruthFiles.Truth(run.OutDir, "addresses.jsonl").ToDictionary(a => a.GetProperty("address").GetString()!, a => a.GetProperty("entity_id").GetInt32());
        var entities = TruthFiles.Truth(run.OutDir, "entities.jsonl").ToDictionary(e => e.GetProperty("entity_id").GetInt32());
        foreach (var tag in tags)
        {
            var address = tag["address"].ToString();
            var entity = entities[truth[address]];
            Assert.True(entity.GetProperty("labelled").GetBoolean());
            Assert.Equal(entity.GetProperty("category").GetString(), tag["category"].ToString());
            Assert.Equal(address.StartsWith("0x", StringComparison.Ordinal) ? "ETH" : "BTC", tag["currency"].ToString());
        }

        var labelledAddresses = truth.Count(a => entities[a.Value].GetProperty("labelled").GetBoolean());
        Assert.Equal(labelledAddresses, tags.Count);
        var categories = tags.Select(t => t["category"].ToString()).ToHashSet();
        foreach (var c in new[] { "exchange", "mixing_service", "market", "ransomware", "scam", "sanction" })
        {
            Assert.Contains(c, categories);
        }
    }
}
