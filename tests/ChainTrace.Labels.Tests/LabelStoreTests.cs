using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.TestSupport;

namespace ChainTrace.Labels.Tests;

/// <summary>The SQLite label store on a real file.</summary>
public sealed class LabelStoreTests
{
    [Fact]
    public async Task ReimportingAPack_ReplacesItsLabels_NeverDoublesThem()
    {
        using var temp = new TempDir("store");
        await using var _ = (await LabelFiles.OpenStoreAsync(temp)).AsDisposable(out var store);
        var pack = LabelFiles.TagPack("exchange-wallets-binance.yaml");

        var first = await LabelFiles.ImportAsync(store, OnErrorPolicy.Reject, pack);
        var version = await store.GetLabelSetVersionAsync(CancellationToken.None);
        var second = await LabelFiles.ImportAsync(store, OnErrorPolicy.Reject, pack);

        Assert.Equal(first.Imported, second.Imported);
        Assert.Equal(first.Imported, await CountAsync(store));
        Assert.Equal(version, await store.GetLabelSetVersionAsync(CancellationToken.None));
    }

    [Fact]
    public async Task ConflictingLabelsOnOneSubject_AreAllKept_WithTheirPackAndLine()
    {
        using var temp = new TempDir("store");
        await using var _ = (await LabelFiles.OpenStoreAsync(temp)).AsDisposable(out var store);
        await LabelFiles.ImportAsync(store, OnErrorPolicy.Skip, LabelFiles.TagPack("blender_io.yaml"), LabelFiles.TagPack("ofac.yaml"), LabelFiles.Ofac("sanctioned_addresses_XBT.txt"));

        var labels = await store.GetByAddressAsync(BtcAddress.Parse("3F6bbvS1krsc1qR8FsbTDfYQyvkMm3QvmR", Network.Main), CancellationToken.None);

        Assert.Equal(["ofac:sanctioned_addresses_XBT.txt", "tagpack:blender_io.yaml", "tagpack:ofac.yaml"], labels.Select(l => l.Label.Pack).Order(StringComparer.Ordinal));
        // GraphSense's ofac.yaml says category user, sourced from the SDN list: a sanction, beside Blender.io's own mixing_service.
        Assert.Equal(["mixing_service", "sanction", "sanction"], labels.Select(l => l.Label.Category.Id).Order(StringComparer.Ordinal));
        foreach (var label in labels.Where(l => l.Label.Pack.StartsWith("tagpack:", StringComparison.Ordinal)))
        {
            var file = LabelFiles.TagPack(label.Label.Pack["tagpack:".Length..]);
            Assert.Contains("3F6bbvS1krsc1qR8FsbTDfYQyvkMm3QvmR", File.ReadLines(file).ElementAt(label.Label.Line - 1), StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task ActorNames_ComeFromTheActorPack_WhateverTheImportOrder()
    {
        using var temp = new TempDir("store");
        await using var _ = (await LabelFiles.OpenStoreAsync(temp)).AsDisposable(out var store);
        await LabelFiles.ImportAsync(store, OnErrorPolicy.Reject, LabelFiles.TagPack("exchange-wallets-huobi.yaml"), LabelFiles.ActorPack);

        var labels = await store.GetByAddressAsync(BtcAddress.Parse("143gLvWYUojXaWZRrxquRKpVNTkhmr415B", Network.Main), CancellationToken.None);

        var label = Assert.Single(labels);
        Assert.Equal(new LabelActor("huobi", "Huobi"), label.Label.Actor);
    }

    [Fact]
    public async Task ListPages_CoverEveryLabelOnce_FilteredByChainAndCategory()
    {
        using var temp = new TempDir("store");
        await using var _ = (await LabelFiles.OpenStoreAsync(temp)).AsDisposable(out var store);
        var summary = await LabelFiles.ImportAsync(store, OnErrorPolicy.Reject, LabelFiles.TagPack("exchange-wallets-binance.yaml"), LabelFiles.Etherscan("tornado-cash.csv"));
        var expected = summary.Files.SelectMany(f => f.Imported).Count(l => l.Subject.Chain == Chain.Eth && l.Category == LabelTaxonomy.Exchange);

        var seen = new List<long>();
        var after = 0L;
        while (true)
        {
            var page = await store.ListAsync(new LabelQuery(Chain.Eth, LabelTaxonomy.Exchange, after, 3), CancellationToken.None);
            Assert.All(page.Items, l => Assert.Equal((Chain.Eth, LabelTaxonomy.Exchange), (l.Label.Subject.Chain, l.Label.Category)));
            seen.AddRange(page.Items.Select(l => l.Id));
            if (page.NextAfter is not { } next)
            {
                break;
            }

            after = next;
        }

        Assert.Equal(expected, seen.Count);
        Assert.Equal(seen.Count, seen.Distinct().Count());
    }

    [Fact]
    public async Task ClusterDefiningLabels_ReachTheClustersOtherAddresses_OnceClustersAreKnown()
    {
        using var temp = new TempDir("store");
        await using var _ = (await LabelFiles.OpenStoreAsync(temp)).AsDisposable(out var store);
        var definer = BtcAddress.Parse("14QZ2wB8b8ZQNgb978Lwptdc8Vhv5aZQM2", Network.Main);
        var notDefiner = BtcAddress.Parse("17Bmh2aNne8sR9kRwMwDzWHAYeZaZPRm28", Network.Main);
        var sibling = BtcAddress.Parse("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", Network.Main);
        var clusters = new FakeClusters { [definer] = 7, [sibling] = 7, [notDefiner] = 9 };

        var summary = await new Import.LabelImporter(store, clusters).ImportAsync(
            [Import.LabelInput.FromFile(LabelFiles.TagPack("binance_hack.yaml"))], new Import.LabelImportOptions(), null, CancellationToken.None);
        var inherited = await new AddressLabelResolver(store, clusters).GetAsync(sibling, CancellationToken.None);
        var alone = await new AddressLabelResolver(store).GetAsync(sibling, CancellationToken.None);
        var own = await new AddressLabelResolver(store, clusters).GetAsync(definer, CancellationToken.None);

        Assert.Equal(1, summary.Clusters);
        var viaCluster = Assert.Single(inherited.Labels);
        Assert.Equal((LabelVia.Cluster, 7L, "14QZ2wB8b8ZQNgb978Lwptdc8Vhv5aZQM2"), (viaCluster.Via, viaCluster.ClusterId!.Value, viaCluster.Stored.Label.Subject.ToString()));
        Assert.Empty(alone.Labels);
        Assert.Equal(LabelVia.Address, Assert.Single(own.Labels).Via);
    }

    [Fact]
    public async Task PropagationVersion_MovesOnlyWhenAPropagationMovesALabel()
    {
        using var temp = new TempDir("store");
        await using var _ = (await LabelFiles.OpenStoreAsync(temp)).AsDisposable(out var store);
        var address = BtcAddress.Parse("1BoatSLRHtKNngkdXEeobR76b53LETtpyT", Network.Main);
        var definer = new Label(LabelSubject.OfAddress(address), "Service V", LabelTaxonomy.Exchange, null, null, "https://example.org/p", "p", 1, new Confidence("ownership", 100), true);
        await store.ReplacePackAsync(new LabelPack("p", "csv", null, new string('a', 64), 1), [definer], [], CancellationToken.None);
        var id = (await store.GetClusterDefinersAsync(Chain.Btc, CancellationToken.None)).Single().Id;
        var start = await store.GetPropagationVersionAsync(CancellationToken.None);

        await store.SetPropagatedClustersAsync([new ClusterAssignment(id, 9)], CancellationToken.None);
        var moved = await store.GetPropagationVersionAsync(CancellationToken.None);
        Assert.Equal(["Service V"], (await store.GetByClusterAsync(Chain.Btc, 9, CancellationToken.None)).Select(l => l.Label.Text));
        await store.SetPropagatedClustersAsync([new ClusterAssignment(id, 9)], CancellationToken.None);
        var same = await store.GetPropagationVersionAsync(CancellationToken.None);
        await store.SetPropagatedClustersAsync([new ClusterAssignment(id, null)], CancellationToken.None);
        var off = await store.GetPropagationVersionAsync(CancellationToken.None);

        Assert.NotEqual(start, moved);
        Assert.Equal(moved, same);
        Assert.NotEqual(moved, off);
        Assert.Empty(await store.GetByClusterAsync(Chain.Btc, 9, CancellationToken.None));
    }

    [Fact]
    public async Task GistsOfACluster_AreItsLabelsDistinctGists_InTheOrderOfTheirFirstLabel()
    {
        using var temp = new TempDir("store");
        await using var _ = (await LabelFiles.OpenStoreAsync(temp)).AsDisposable(out var store);
        string[] addresses = ["1BoatSLRHtKNngkdXEeobR76b53LETtpyT", "14QZ2wB8b8ZQNgb978Lwptdc8Vhv5aZQM2", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "1NpHuti9NSM9fVTXLkvSDU4AnhqGQ5N53d"];
        Label Definer(string address, string text, int confidence, int line) =>
            new(LabelSubject.OfAddress(BtcAddress.Parse(address, Network.Main)), text, LabelTaxonomy.Exchange, null, null, "https://example.org/p", "p", line, new Confidence("ownership", confidence), true);
        Label[] labels =
        [
            Definer(addresses[0], "Service V", 100, 1),
            new(LabelSubject.OfCluster(Chain.Btc, 9), "Market M", LabelTaxonomy.TryFind("darknet_market", out var market) ? market : throw new InvalidOperationException(), null, null, "https://example.org/q", "p", 2, new Confidence("forensic", 50), false),
            Definer(addresses[1], "Service V", 100, 3),
            Definer(addresses[2], "Service V", 60, 4),
            Definer(addresses[3], "Service V", 100, 5),
            new(LabelSubject.OfCluster(Chain.Btc, 10), "Elsewhere", LabelTaxonomy.Exchange, null, null, "https://example.org/p", "p", 6, new Confidence("ownership", 100), false),
        ];
        await store.ReplacePackAsync(new LabelPack("p", "csv", null, new string('a', 64), labels.Length), labels, [], CancellationToken.None);
        var definers = await store.GetClusterDefinersAsync(Chain.Btc, CancellationToken.None);
        await store.SetPropagatedClustersAsync([.. definers.Select(d => new ClusterAssignment(d.Id, 9))], CancellationToken.None);

        var gists = await store.GetGistsByClusterAsync(Chain.Btc, 9, CancellationToken.None);
        var derived = (await store.GetByClusterAsync(Chain.Btc, 9, CancellationToken.None)).Select(l => LabelGist.Of(l.Label)).Distinct().ToList();

        Assert.Equal(derived, gists);
        Assert.Equal([("Service V", 100), ("Market M", 50), ("Service V", 60)], gists.Select(g => (g.Text, g.ConfidenceLevel)));
        Assert.Equal(market, gists[1].Category);
        Assert.Empty(await store.GetGistsByClusterAsync(Chain.Btc, 11, CancellationToken.None));
    }

    private static async Task<int> CountAsync(Core.Labels.ILabelStore store) =>
        (await store.ListAsync(new LabelQuery(null, null, 0, 1000), CancellationToken.None)).Items.Count;

    private sealed class FakeClusters : Dictionary<Address, long>, IClusterOfAddress
    {
        public Task<long?> GetClusterIdAsync(Address address, CancellationToken cancellationToken) =>
            Task.FromResult(TryGetValue(address, out var id) ? id : (long?)null);
    }
}
