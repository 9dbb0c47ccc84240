using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.TestSupport;

namespace ChainTrace.Labels.Tests;

public sealed class TagPackTests
{
    /// <summary>
    /// GraphSense's real ofac.yaml tags every address <c>category: user</c> without a confidence and says they are sanctioned
    /// only through its source, the Treasury's SDN list: each is a sanction label with the list's authority_data
    /// confidence, the pack's category kept. The same tags with another source stay what the pack says, and a specific
    /// category from that source (a sanctioned mixer) stays, with the list's confidence.
    /// </summary>
    [Fact]
    public void TagsSourcedFromTheOfacList_AreSanctions_WithAuthorityConfidence()
    {
        var ofac = LabelFiles.Parse(LabelFiles.TagPack("ofac.yaml"));

        Assert.Empty(ofac.Errors);
        Assert.True(ofac.Labels.Count > 400);
        Assert.All(ofac.Labels, l => Assert.Equal(("sanction", "authority_data", "user; source: the OFAC sanctions list"), (l.Category.Id, l.Confidence.Id, l.SourceCategory)));
        Assert.Contains(ofac.Labels, l => l.Subject.ToString() == "1NpHuti9NSM9fVTXLkvSDU4AnhqGQ5N53d");

        using var temp = new TempDir("tagpack-ofac");
        var path = temp.File("pack.yaml");
        File.WriteAllText(path, """
            title: sources
            label: Listed
            category: user
            currency: BTC
            tags:
            - address: 1NpHuti9NSM9fVTXLkvSDU4AnhqGQ5N53d
              source: https://www.treasury.gov/ofac/downloads/sdnlist.txt
            - address: 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa
              source: https://sanctionssearch.ofac.treas.gov/Details.aspx?id=1
              confidence: web_crawl
            - address: 12t9YDPgwueZ9NyMgw519p7AA8isjr6SMw
              source: https://example.org/ofac/sdnlist.txt
            - address: 1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2
              source: https://www.treasury.gov/press-center
            - address: 3F6bbvS1krsc1qR8FsbTDfYQyvkMm3QvmR
              category: mixing_service
              source: https://home.treasury.gov/policy-issues/financial-sanctions/recent-actions/20220506
            """);

        var parsed = LabelFiles.Parse(path);

        Assert.Empty(parsed.Errors);
        Assert.Equal(
            [("sanction", "authority_data"), ("sanction", "web_crawl"), ("user", "unknown"), ("user", "unknown"), ("mixing_service", "authority_data")],
            parsed.Labels.Select(l => (l.Category.Id, l.Confidence.Id)));
    }

    [Fact]
    public void HeaderFields_ApplyToEveryTag_UnlessTheTagOverrides()
    {
        using var temp = new TempDir("tagpack");
        var path = temp.File("pack.yaml");
        File.WriteAllText(path, """
            title: test pack
            creator: tests
            source: https://example.org/header
            currency: BTC
            category: exchange
            label: Header Exchange
            confidence: service_data
            is_cluster_definer: true
            actor: binance
            tags:
            - address: 1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa
            - label: Own Label
              address: '1NpHuti9NSM9fVTXLkvSDU4AnhqGQ5N53d'
              category: mixing_service
              confidence: web_crawl
              is_cluster_definer: false
              source: https://example.org/own
            """);

        var parsed = LabelFiles.Parse(path);

        Assert.Empty(parsed.Errors);
        var (inherited, own) = (parsed.Labels[0], parsed.Labels[1]);
        Assert.Equal(("Header Exchange", "exchange", "service_data", true, "https://example.org/header", "binance", 11),
            (inherited.Text, inherited.Category.Id, inherited.Confidence.Id, inherited.IsClusterDefiner, inherited.Source, inherited.Actor!.Id, inherited.Line));
        Assert.Equal(("Own Label", "mixing_service", "web_crawl", false, "https://example.org/own", 12),
            (own.Text, own.Category.Id, own.Confidence.Id, own.IsClusterDefiner, own.Source, own.Line));
        Assert.Equal("tagpack:pack.yaml", own.Pack);
    }

    [Fact]
    public void Abuse_IsTheCategory_WhenGiven()
    {
        var lazarus = LabelFiles.Parse(LabelFiles.TagPack("lazarus.yaml"));

        Assert.Empty(lazarus.Errors);
        Assert.All(lazarus.Labels, l => Assert.Equal(LabelTaxonomy.Sanction, l.Category));
        Assert.All(lazarus.Labels, l => Assert.Equal(60, l.Confidence.Level));
        Assert.Equal("user; abuse: sanction", lazarus.Labels[0].SourceCategory);
    }

    [Fact]
    public void ClusterDefiner_IsReadPerTag()
    {
        var pack = LabelFiles.Parse(LabelFiles.TagPack("binance_hack.yaml"));

        var definer = pack.Labels.Single(l => l.Subject.ToString() == "14QZ2wB8b8ZQNgb978Lwptdc8Vhv5aZQM2");
        var plain = pack.Labels.Single(l => l.Subject.ToString() == "17Bmh2aNne8sR9kRwMwDzWHAYeZaZPRm28");
        Assert.True(definer.IsClusterDefiner);
        Assert.False(plain.IsClusterDefiner);
        Assert.Equal(LabelTaxonomy.ServiceHack, definer.Category);
    }

    [Fact]
    public void OtherCurrencies_AreSkippedAndCountedPerCurrency()
    {
        var electrum = LabelFiles.Parse(LabelFiles.TagPack("electrum_phishing.yaml"));
        var expectedLtc = File.ReadLines(LabelFiles.TagPack("electrum_phishing.yaml")).Count(l => l.Trim() == "currency: LTC");

        Assert.Empty(electrum.Errors);
        Assert.Equal(expectedLtc, electrum.SkippedByCurrency["LTC"]);
        Assert.True(expectedLtc > 0);
        Assert.All(electrum.Labels, l => Assert.Equal(Chain.Btc, l.Subject.Chain));
        Assert.All(electrum.Labels, l => Assert.Equal(LabelTaxonomy.Phishing, l.Category));
    }

    [Fact]
    public void EthereumTags_AreValidatedEthAddresses()
    {
        var binance = LabelFiles.Parse(LabelFiles.TagPack("exchange-wallets-binance.yaml"));

        var eth = binance.Labels.Where(l => l.Subject.Chain == Chain.Eth).ToList();
        Assert.NotEmpty(eth);
        Assert.All(eth, l => Assert.IsType<EthAddress>(l.Subject.Address));
        Assert.Contains(eth, l => l.Subject.ToString() == "0xbe0eb53f46cd790cd13851d5eff43d12404d33e8");
    }

    /// <summary>
    /// Every shared pack reads; the only bad lines are the source's own mistakes: two mistyped addresses in
    /// plustoken.yaml (the valid Tron address filed as BTC in ofac.yaml is skipped with a warning, not an error).
    /// </summary>
    [Fact]
    public void AllSharedTagPacks_Read_WithOnlyTheSourcesOwnBadLines()
    {
        var errors = LabelFiles.AllTagPacks.Select(f => LabelFiles.Parse(f)).SelectMany(p => p.Errors)
            .Select(e => $"{Path.GetFileName(e.File)}:{e.Line}").Order(StringComparer.Ordinal).ToList();

        Assert.Equal(["plustoken.yaml:11", "plustoken.yaml:31"], errors);
        Assert.Equal(["ofac.yaml:1069"], LabelFiles.AllTagPacks.Select(f => LabelFiles.Parse(f)).SelectMany(p => p.Warnings).Select(e => $"{Path.GetFileName(e.File)}:{e.Line}"));
    }

    [Fact]
    public void ActorPack_ResolvesIds()
    {
        var actors = LabelFiles.Parse(LabelFiles.ActorPack);

        Assert.Empty(actors.Errors);
        Assert.Equal(File.ReadLines(LabelFiles.ActorPack).Count(l => l.StartsWith("- id:", StringComparison.Ordinal)), actors.Actors.Count);
        var binance = actors.Actors.Single(a => a.Id == "binance");
        Assert.Equal("Binance", binance.Name);
        Assert.Contains("exchange", binance.Categories);
    }
}
