using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.TestSupport;

namespace ChainTrace.Labels.Tests;

public sealed class PlainCsvTests
{
    [Fact]
    public async Task Rows_BecomeLabels_ClusterSubjectsCount_OtherChainsAreSkipped()
    {
        using var temp = new TempDir("csv");
        var path = temp.File("mine.csv");
        File.WriteAllLines(path,
        [
            "chain,address,label,category,source,confidence,actor,is_cluster_definer",
            "btc,1NpHuti9NSM9fVTXLkvSDU4AnhqGQ5N53d,Case 17 payee,Ransomware,case-17,80,,true",
            "eth,0x8576acc5c05d6ce88f4e49bf65bdf0c62f91353c,Mixer pool,mixing-service,notes,forensic,tornado,",
            "btc,cluster:42,Exchange X,exchange,,,,",
            "ltc,LhbGVfuLPxMMFZrkDkSPC16Yu2RQ7S9Bc7,elsewhere,scam,notes,,,",
        ]);
        await using var _ = (await LabelFiles.OpenStoreAsync(temp)).AsDisposable(out var store);

        var summary = await LabelFiles.ImportAsync(store, OnErrorPolicy.Reject, path);

        Assert.Equal("imported 3 labels (2 addresses, 1 clusters), skipped 1 (LTC: 1), errors 0", summary.SummaryLine());
        var labels = summary.Files.Single().Imported;
        Assert.Equal((LabelTaxonomy.Ransomware, 80, true, "case-17"), (labels[0].Category, labels[0].Confidence.Level, labels[0].IsClusterDefiner, labels[0].Source));
        Assert.Equal((LabelTaxonomy.MixingService, "forensic", "tornado"), (labels[1].Category, labels[1].Confidence.Id, labels[1].Actor!.Id));
        Assert.Equal((42L, "csv:mine.csv", TagPackConfidence.Unknown), (labels[2].Subject.ClusterId!.Value, labels[2].Source, labels[2].Confidence));
        var stored = Assert.Single(await store.GetByClusterAsync(Chain.Btc, 42, CancellationToken.None));
        Assert.Equal(4, stored.Label.Line);
    }
    /// <summary>
    /// The reader finds the columns by name, so detection must too: a pack with its columns in another order, quoted
    /// header names, an extra column, a BOM and CRLF line endings is the plain CSV (it was "cannot tell the format").
    /// The addresses are the real OFAC lists' first Bitcoin and Ethereum entries, the Ethereum one in upper case.
    /// </summary>
    [Fact]
    public async Task ColumnsInAnyOrder_WithExtraColumnsBomAndCrlf_AreDetectedAndImported()
    {
        var btc = File.ReadLines(LabelFiles.Ofac("sanctioned_addresses_XBT.txt")).First().Trim();
        var eth = File.ReadLines(LabelFiles.Ofac("sanctioned_addresses_ETH.txt")).First().Trim();
        using var temp = new TempDir("csv-order");
        var path = temp.File("reordered.csv");
        await File.WriteAllTextAsync(path,
            "\uFEFF\"confidence\",\"source\",category,label,address,chain,comment\r\n" +
            $"100,unit,sanction,Listed,{btc},btc,first\r\n" +
            $"90,unit,mixer,Pool,0X{eth[2..].ToUpperInvariant()},ETH,second\r\n");
        await using var _ = (await LabelFiles.OpenStoreAsync(temp)).AsDisposable(out var store);

        Assert.Equal(Formats.LabelFormat.Csv, Formats.FormatDetector.Detect(path, await File.ReadAllTextAsync(path)));
        var summary = await LabelFiles.ImportAsync(store, OnErrorPolicy.Reject, path);

        Assert.Equal("imported 2 labels (2 addresses, 0 clusters), skipped 0 (), errors 0", summary.SummaryLine());
        var labels = summary.Files.Single().Imported;
        Assert.Equal((LabelTaxonomy.Sanction, 100, btc, 2), (labels[0].Category, labels[0].Confidence.Level, labels[0].Subject.Address!.ToString(), labels[0].Line));
        Assert.Equal((LabelTaxonomy.MixingService, eth.ToLowerInvariant(), 3), (labels[1].Category, labels[1].Subject.Address!.ToString(), labels[1].Line));

        // A header that names chain and address but lacks required columns is the plain CSV with a clear error.
        var partial = temp.File("partial.csv");
        await File.WriteAllTextAsync(partial, $"address,chain,label\n{btc},btc,x\n");
        var rejected = await LabelFiles.ImportAsync(store, OnErrorPolicy.Reject, partial);
        Assert.Contains("the header lacks category, source, confidence", Assert.Single(rejected.Files.Single().Errors).Message, StringComparison.Ordinal);
    }
}
