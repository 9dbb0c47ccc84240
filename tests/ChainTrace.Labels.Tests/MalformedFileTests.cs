using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.Labels.Import;
using ChainTrace.TestSupport;

namespace ChainTrace.Labels.Tests;

/// <summary>Bad lines are named with file and line; reject imports nothing of the file, skip the good lines; never a silent partial import.</summary>
public sealed class MalformedFileTests
{
    private const string GoodAddress = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa";

    [Fact]
    public async Task Reject_ImportsNothingOfAFileWithABadLine_AndNamesTheLine()
    {
        using var temp = new TempDir("malformed");
        var path = WriteCsv(temp, $"btc,{GoodAddress},Good,exchange,s,service_data", "btc,1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb,Typo,exchange,s,service_data");
        await using var _ = (await LabelFiles.OpenStoreAsync(temp)).AsDisposable(out var store);

        var summary = await LabelFiles.ImportAsync(store, OnErrorPolicy.Reject, path);

        var error = Assert.Single(summary.Files.Single().Errors);
        Assert.Equal((path, 3), (error.File, error.Line));
        Assert.Contains("checksum", error.Message, StringComparison.Ordinal);
        Assert.True(summary.AnyRejected);
        Assert.Equal(0, summary.Imported);
        Assert.Empty((await store.ListAsync(new LabelQuery(null, null, 0, 100), CancellationToken.None)).Items);
    }

    [Fact]
    public async Task Skip_ImportsTheGoodLines_AndStillReportsTheBadOnes()
    {
        using var temp = new TempDir("malformed");
        var path = WriteCsv(temp, $"btc,{GoodAddress},Good,exchange,s,service_data", "btc,not-an-address,Bad,exchange,s,service_data", $"btc,{GoodAddress},Other,nonsense,s,");
        await using var _ = (await LabelFiles.OpenStoreAsync(temp)).AsDisposable(out var store);

        var summary = await LabelFiles.ImportAsync(store, OnErrorPolicy.Skip, path);

        Assert.Equal([3, 4], summary.Files.Single().Errors.Select(e => e.Line));
        Assert.Equal(1, summary.Imported);
        Assert.Equal("imported 1 labels (1 addresses, 0 clusters), skipped 0 (), errors 2", summary.SummaryLine());
        var stored = Assert.Single((await store.ListAsync(new LabelQuery(null, null, 0, 100), CancellationToken.None)).Items);
        Assert.Equal(("Good", 2), (stored.Label.Text, stored.Label.Line));
    }

    [Fact]
    public async Task UnreadableYaml_IsNeverWritten_EvenWithSkip_AndTheEarlierVersionStays()
    {
        using var temp = new TempDir("malformed");
        var path = temp.File("pack.yaml");
        File.WriteAllText(path, $"title: t\ncurrency: BTC\nlabel: L\ntags:\n- address: {GoodAddress}\n");
        await using var _ = (await LabelFiles.OpenStoreAsync(temp)).AsDisposable(out var store);
        Assert.Equal(1, (await LabelFiles.ImportAsync(store, OnErrorPolicy.Reject, path)).Imported);

        File.WriteAllText(path, $"title: t\ncurrency: BTC\nlabel: L\ntags:\n- address: {GoodAddress}\n  label: [unclosed\n");
        var summary = await LabelFiles.ImportAsync(store, OnErrorPolicy.Skip, path);

        Assert.True(summary.AnyRejected);
        Assert.True(Assert.Single(summary.Files.Single().Errors).Line >= 6);
        var kept = Assert.Single((await store.ListAsync(new LabelQuery(null, null, 0, 100), CancellationToken.None)).Items);
        Assert.Equal("L", kept.Label.Text);
    }

    [Fact]
    public void TagPackBadLines_NameTheTagsLine_AndTheInheritedHeaderField()
    {
        using var temp = new TempDir("malformed");
        var path = temp.File("pack.yaml");
        File.WriteAllText(path, $"title: t\ncurrency: BTC\nlabel: L\nconfidence: sure\ntags:\n- address: {GoodAddress}\n- address: {GoodAddress}\n  confidence: forensic\n- label: no address\n");

        var parsed = LabelFiles.Parse(path);

        Assert.Equal([6, 9], parsed.Errors.Select(e => e.Line));
        Assert.Contains("inherited from the header, line 4", parsed.Errors[0].Message, StringComparison.Ordinal);
        Assert.Equal(7, Assert.Single(parsed.Labels).Line);
    }

    [Fact]
    public void CsvStrayQuote_IsABadLine()
    {
        using var temp = new TempDir("malformed");
        var path = temp.File("accounts.csv");
        File.WriteAllText(path, ",Address,Name Tag,Balance,Txn Count\n0,0x3f5ce5fbfe3e9af3971dd833d26ba9b5c936f0be,Binance,0 ETH,1\n1,0x85b931a32a0725be14285b66f1a22178c672d69b,Bin\"ance 10,0 ETH,2\n");

        var parsed = LabelFiles.Parse(path);

        Assert.Equal(3, Assert.Single(parsed.Errors).Line);
        Assert.Single(parsed.Labels);
    }

    [Fact]
    public async Task UndetectableFormat_IsAnErrorOfThatFileOnly()
    {
        using var temp = new TempDir("malformed");
        var odd = temp.File("notes.txt");
        File.WriteAllText(odd, "hello\n");
        var good = WriteCsv(temp, $"btc,{GoodAddress},Good,exchange,s,service_data");
        await using var _ = (await LabelFiles.OpenStoreAsync(temp)).AsDisposable(out var store);

        var summary = await LabelFiles.ImportAsync(store, OnErrorPolicy.Reject, odd, good);

        Assert.Equal(1, summary.Imported);
        var error = Assert.Single(summary.Files.Single(f => f.File == odd).Errors);
        Assert.Contains("--format", error.Message, StringComparison.Ordinal);
    }

    private static string WriteCsv(TempDir temp, params string[] rows)
    {
        var path = temp.File("labels.csv");
        File.WriteAllLines(path, ["chain,address,label,category,source,confidence", .. rows]);
        return path;
    }
}
