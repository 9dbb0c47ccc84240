using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;

namespace ChainTrace.Labels.Tests;

public sealed class OfacAndEtherscanTests
{
    [Fact]
    public void OfacTextAndJson_GiveTheSameSanctionLabels_WithTheirOwnLines()
    {
        var text = LabelFiles.Parse(LabelFiles.Ofac("sanctioned_addresses_ETH.txt"));
        var json = LabelFiles.Parse(LabelFiles.Ofac("sanctioned_addresses_ETH.json"));

        Assert.Empty(text.Errors);
        Assert.Empty(json.Errors);
        Assert.Equal(text.Labels.Select(l => l.Subject), json.Labels.Select(l => l.Subject));
        Assert.Equal(File.ReadLines(LabelFiles.Ofac("sanctioned_addresses_ETH.txt")).Count(l => l.Trim().Length > 0), text.Labels.Count);
        Assert.All(text.Labels, l => Assert.Equal((LabelTaxonomy.Sanction, TagPackConfidence.AuthorityData, Chain.Eth), (l.Category, l.Confidence, l.Subject.Chain)));
        var first = File.ReadLines(LabelFiles.Ofac("sanctioned_addresses_ETH.json")).Select((l, i) => (l, i)).First(p => p.l.Contains("0x", StringComparison.Ordinal));
        Assert.Equal(first.i + 1, json.Labels[0].Line);
        Assert.Contains(text.Labels, l => l.Subject.ToString() == "0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c");
    }

    [Theory]
    [InlineData("sanctioned_addresses_XBT.txt", 355)]
    [InlineData("sanctioned_addresses_XBT.json", 356)]
    public void OfacXbtList_SkipsTheTronAddressFiledAsBitcoin_UnderTrx_WithAWarningNamingTheLine(string file, int line)
    {
        var xbt = LabelFiles.Parse(LabelFiles.Ofac(file));

        Assert.Empty(xbt.Errors);
        Assert.Equal(new Dictionary<string, int> { ["TRX"] = 1 }, xbt.SkippedByCurrency);
        var warning = Assert.Single(xbt.Warnings);
        Assert.Equal(line, warning.Line);
        Assert.Contains("TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzq", warning.Message, StringComparison.Ordinal);
        Assert.Contains(xbt.Labels, l => l.Subject.ToString() == "1NpHuti9NSM9fVTXLkvSDU4AnhqGQ5N53d");
    }

    [Fact]
    public async Task OfacXbtList_ImportsUnderTheDefaultRejectPolicy_AndTheSummaryCountsTrx()
    {
        using var temp = new TestSupport.TempDir("ofac-trx");
        await using var _ = (await LabelFiles.OpenStoreAsync(temp)).AsDisposable(out var store);

        var summary = await LabelFiles.ImportAsync(store, OnErrorPolicy.Reject, LabelFiles.Ofac("sanctioned_addresses_XBT.txt"), LabelFiles.TagPack("ofac.yaml"));

        Assert.False(summary.AnyRejected);
        Assert.Equal(0, summary.Errors);
        var trx = LabelFiles.Parse(LabelFiles.TagPack("ofac.yaml")).SkippedByCurrency["TRX"] + 1;
        Assert.Contains($"TRX: {trx}", summary.SummaryLine(), StringComparison.Ordinal);
        var labels = await store.GetByAddressAsync(Core.Addresses.Address.Parse(Chain.Btc, "1NpHuti9NSM9fVTXLkvSDU4AnhqGQ5N53d", Network.Main), CancellationToken.None);
        Assert.Equal(2, labels.Count);
    }

    [Fact]
    public void TronShapedAddress_WithABadChecksum_StaysABadLine()
    {
        using var temp = new TestSupport.TempDir("ofac-badtron");
        var path = temp.File("sanctioned_addresses_XBT.txt");
        File.WriteAllLines(path, ["1NpHuti9NSM9fVTXLkvSDU4AnhqGQ5N53d", "TUCsTq7TofTCJRRoHk6RvhMoS2mJLm5Yzr"]);

        var parsed = LabelFiles.Parse(path);

        Assert.Equal(2, Assert.Single(parsed.Errors).Line);
        Assert.Empty(parsed.Warnings);
        Assert.Empty(parsed.SkippedByCurrency);
    }

    [Fact]
    public void OfacUsdtList_KeepsEthereumAndOmniBitcoinAddresses_AndCountsTronUnderTheAsset()
    {
        var usdt = LabelFiles.Parse(LabelFiles.Ofac("sanctioned_addresses_USDT.txt"));
        var lines = File.ReadLines(LabelFiles.Ofac("sanctioned_addresses_USDT.txt")).Select(l => l.Trim()).Where(l => l.Length > 0).ToList();
        var ethereum = lines.Where(l => l.StartsWith("0x", StringComparison.Ordinal)).ToList();
        var omni = lines.Where(l => l[0] is '1' or '3').ToList();

        Assert.Empty(usdt.Errors);
        Assert.NotEmpty(omni);
        Assert.Equal(ethereum.Order(StringComparer.OrdinalIgnoreCase), usdt.Labels.Where(l => l.Subject.Chain == Chain.Eth).Select(l => l.Subject.ToString()).Order(StringComparer.OrdinalIgnoreCase), StringComparer.OrdinalIgnoreCase);
        Assert.Equal(omni.Order(StringComparer.Ordinal), usdt.Labels.Where(l => l.Subject.Chain == Chain.Btc).Select(l => l.Subject.ToString()).Order(StringComparer.Ordinal));
        Assert.Equal(lines.Count(l => l[0] == 'T'), usdt.SkippedByCurrency["USDT"]);
        Assert.All(usdt.Labels, l => Assert.Equal(LabelTaxonomy.Sanction, l.Category));
    }

    [Fact]
    public void OtherOfacAssets_AreSkipped()
    {
        var ltc = LabelFiles.Parse(LabelFiles.Ofac("sanctioned_addresses_LTC.txt"));

        Assert.Empty(ltc.Labels);
        Assert.Equal(File.ReadLines(LabelFiles.Ofac("sanctioned_addresses_LTC.txt")).Count(l => l.Trim().Length > 0), ltc.SkippedByCurrency["LTC"]);
    }

    [Fact]
    public void EtherscanFile_NameIsTheLabel_NameTagIsContext_LinesMatchTheFile()
    {
        var binance = LabelFiles.Parse(LabelFiles.Etherscan("binance.csv"));
        var lines = File.ReadAllLines(LabelFiles.Etherscan("binance.csv"));

        Assert.Empty(binance.Errors);
        Assert.Equal(lines.Length - 1, binance.Labels.Count);
        Assert.All(binance.Labels, l => Assert.Equal(("binance", LabelTaxonomy.Exchange, TagPackConfidence.WebCrawl), (l.Text, l.Category, l.Confidence)));
        var hot = binance.Labels.Single(l => l.Subject.ToString() == "0x85b931a32a0725be14285b66f1a22178c672d69b");
        Assert.Equal("Binance 10", hot.Context);
        Assert.Contains("0x85b931a32a0725be14285b66f1a22178c672d69b", lines[hot.Line - 1], StringComparison.Ordinal);
    }

    [Fact]
    public void EtherscanMixerAndSanctionFiles_MapToTheirCategories()
    {
        Assert.All(LabelFiles.Parse(LabelFiles.Etherscan("tornado-cash.csv")).Labels, l => Assert.Equal(LabelTaxonomy.MixingService, l.Category));
        Assert.All(LabelFiles.Parse(LabelFiles.Etherscan("ofac-sanctions-lists.csv")).Labels, l => Assert.Equal(LabelTaxonomy.Sanction, l.Category));
        var tornado = LabelFiles.Parse(LabelFiles.Etherscan("tornado-cash.csv"));
        Assert.Contains(tornado.Labels, l => l.Context == "Tornado.Cash: 1 ETH");
    }

    [Fact]
    public void AllSharedEtherscanFiles_Read_WithoutBadLines()
    {
        var files = Directory.GetFiles(Path.GetDirectoryName(LabelFiles.Etherscan("binance.csv"))!, "*.csv");
        var parsed = files.Select(f => LabelFiles.Parse(f)).ToList();

        Assert.Equal(409, parsed.Count);
        Assert.Empty(parsed.SelectMany(p => p.Errors));
        Assert.Equal(files.Sum(f => File.ReadLines(f).Count() - 1), parsed.Sum(p => p.Labels.Count));
    }
}
