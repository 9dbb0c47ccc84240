using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.Core.Risk;
using ChainTrace.Labels.Storage;
using ChainTrace.TestSupport;

namespace ChainTrace.Risk.Tests;

/// <summary>
/// The screening's label cache over a real SQLite label store: what it keeps, and how soon a change in the store
/// shows (an import or a re-propagation, within <see cref="RiskLabelSource.MaxAge"/>). Time is a clock the test moves; the renewals it triggers run on
/// the thread pool, so the test waits (up to 10 s of wall time) for them to land.
/// </summary>
public sealed class RiskLabelSourceTests : IAsyncLifetime
{
    private const long Exchange = 7;
    private static readonly Address Customer = BtcAddress.Parse("1BoatSLRHtKNngkdXEeobR76b53LETtpyT", Network.Main);
    private static readonly Address Listed = BtcAddress.Parse("1NpHuti9NSM9fVTXLkvSDU4AnhqGQ5N53d", Network.Main);
    private static readonly Address Later = BtcAddress.Parse("bc1qar0srrr7xfkvy5l643lydnw9re59gtzzwf5mdq", Network.Main);
    private readonly TempDir _temp = new("risk-labels");
    private readonly ManualClock _clock = new();
    private SqliteLabelStore _store = null!;

    public async Task InitializeAsync()
    {
        _store = await SqliteLabelStore.OpenAsync(_temp.File("labels.db"), CancellationToken.None);

        // An exchange's cluster with one label per deposit address (the case the cache exists for) and one listed address.
        var labels = Enumerable.Range(0, 80).Select(i => ClusterLabel(Exchange, "Exchange X", LabelTaxonomy.Exchange, "base", i))
            .Append(AddressLabel(Listed, "Listed Y", LabelTaxonomy.Sanction, "base", 100))
            .ToList();
        await Import("base", labels);
    }

    public Task DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
        return Task.CompletedTask;
    }

    [Fact]
    public async Task ClusterLabels_AreKeptDistinct_AndAnImportShowsOnceMaxAgeHasPassed()
    {
        var source = new RiskLabelSource(_store, null, _clock);
        var first = await source.GetAsync(Customer, Exchange, CancellationToken.None);
        Assert.Equal(["Exchange X"], first.Select(l => l.Text));
        Assert.True(first[0].ViaCluster);
        for (var i = 0; i < 25; i++)
        {
            // A cluster without labels (answered from the labelled-subject listing once it is built, else read).
            Assert.Empty(await source.GetAsync(Customer, 8, CancellationToken.None));
            await Task.Delay(40);
        }

        await Import("later", [ClusterLabel(Exchange, "Sanctioned Z", LabelTaxonomy.Sanction, "later", 1), ClusterLabel(8, "Mixer M", LabelTaxonomy.MixingService, "later", 2)]);

        // Within MaxAge the kept labels answer (the store is not read per request)...
        for (var i = 0; i < 20; i++)
        {
            Assert.DoesNotContain(await source.GetAsync(Customer, Exchange, CancellationToken.None), l => l.Text == "Sanctioned Z");
            await Task.Delay(20);
        }

        // ...and once it has passed, the new label shows.
        _clock.Advance(RiskLabelSource.MaxAge);
        var renewed = await Eventually(source, Customer, Exchange, labels => labels.Any(l => l.Text == "Sanctioned Z"));
        Assert.Contains(renewed, l => l.Category == LabelTaxonomy.Sanction && l.ViaCluster);
        Assert.Contains(renewed, l => l.Text == "Exchange X");
        Assert.Contains(await Eventually(source, Customer, 8, labels => labels.Count > 0), l => l.Text == "Mixer M");
    }

    [Fact]
    public async Task AfterAQuietSpell_TheFirstAnswer_ShowsAnImportMadeMeanwhile()
    {
        // A service that answered (and kept the exchange cluster's labels and the labelled-subject listing), then sat
        // idle while a new sanctions list was imported: its very next answer must carry the new labels, own and
        // cluster, not the ones kept from before.
        var source = new RiskLabelSource(_store, null, _clock);
        for (var i = 0; i < 25; i++)
        {
            Assert.DoesNotContain(await source.GetAsync(Later, Exchange, CancellationToken.None), l => l.Category == LabelTaxonomy.Sanction);
            await Task.Delay(40);
        }

        await Import("ofac", [AddressLabel(Later, "Listed W", LabelTaxonomy.Sanction, "ofac", 1), ClusterLabel(Exchange, "Sanctioned Z", LabelTaxonomy.Sanction, "ofac", 2)]);
        _clock.Advance(2 * RiskLabelSource.MaxAge);

        var first = await source.GetAsync(Later, Exchange, CancellationToken.None);
        Assert.Contains(first, l => l.Text == "Listed W" && !l.ViaCluster);
        Assert.Contains(first, l => l.Text == "Sanctioned Z" && l.ViaCluster);
        Assert.Contains(first, l => l.Text == "Exchange X");
    }

    [Fact]
    public async Task OwnLabels_AnswerFromTheLabelledSet_AndAnAddressLabelledLaterShows()
    {
        var source = new RiskLabelSource(_store, null, _clock);

        // Give the background build of the labelled-address set time to finish; the answers hold either way.
        for (var i = 0; i < 25; i++)
        {
            Assert.Empty(await source.GetAsync(Later, null, CancellationToken.None));
            Assert.Equal(["Listed Y"], (await source.GetAsync(Listed, null, CancellationToken.None)).Select(l => l.Text));
            await Task.Delay(40);
        }

        await Import("later", [AddressLabel(Later, "Listed W", LabelTaxonomy.Sanction, "later", 1)]);
        _clock.Advance(RiskLabelSource.MaxAge);
        var shown = await Eventually(source, Later, null, labels => labels.Count > 0);
        var label = Assert.Single(shown);
        Assert.Equal(("Listed W", false), (label.Text, label.ViaCluster));
        Assert.Equal(["Listed Y"], (await source.GetAsync(Listed, null, CancellationToken.None)).Select(l => l.Text));
    }

    [Fact]
    public async Task ClusterLabelPropagatedWithoutAnImport_ShowsOnceMaxAgeHasPassed()
    {
        var definer = AddressLabel(Later, "Service V", LabelTaxonomy.Exchange, "definers", 1) with { IsClusterDefiner = true };
        await Import("definers", [definer]);
        var counting = new CountingLabelStore(_store);
        var source = new RiskLabelSource(counting, null, _clock);
        Assert.Empty(await source.GetAsync(Customer, 9, CancellationToken.None));

        // The first call starts the labelled-subject listing in the background: let it read the store before the
        // propagation, or it may list the propagated cluster already (a race that failed this test when run alone).
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (counting.Listings == 0 && DateTime.UtcNow < deadline)
        {
            await Task.Delay(10);
        }

        Assert.True(counting.Listings > 0, "the background listing did not read the store within 10 s");
        var stored = (await _store.GetClusterDefinersAsync(Chain.Btc, CancellationToken.None)).Single();
        await _store.SetPropagatedClustersAsync([new ClusterAssignment(stored.Id, 9)], CancellationToken.None);

        // The propagation moved the version on, but the kept version is only checked again after MaxAge: until
        // then the kept (empty) answer stands...
        for (var i = 0; i < 10; i++)
        {
            Assert.Empty(await source.GetAsync(Customer, 9, CancellationToken.None));
            await Task.Delay(30);
        }

        // ...and then the propagated label shows, without an import.
        _clock.Advance(RiskLabelSource.MaxAge);
        var shown = await Eventually(source, Customer, 9, labels => labels.Count > 0);
        Assert.Equal(("Service V", true), (shown[0].Text, shown[0].ViaCluster));
    }

    [Fact]
    public async Task OnceListed_AClusterAndALabelledAddress_AreAnsweredFromTheListing_AsTheStoreWouldAnswer()
    {
        var definer = AddressLabel(Later, "Service V", LabelTaxonomy.Exchange, "definers", 1) with { IsClusterDefiner = true };
        await Import("definers", [definer]);
        var stored = (await _store.GetClusterDefinersAsync(Chain.Btc, CancellationToken.None)).Single();
        await _store.SetPropagatedClustersAsync([new ClusterAssignment(stored.Id, Exchange)], CancellationToken.None);
        var counting = new CountingLabelStore(_store);
        var source = new RiskLabelSource(counting, null, _clock);

        // The listing is built in the background; a cluster asked for the first time shows when it is in use (an
        // unlabelled one is then answered without a query; before, it is read).
        var deadline = DateTime.UtcNow.AddSeconds(10);
        for (var unlabelled = 1000L; DateTime.UtcNow < deadline; unlabelled++)
        {
            var before = counting.Reads;
            Assert.Empty(await source.GetAsync(Customer, unlabelled, CancellationToken.None));
            if (counting.Reads == before)
            {
                break;
            }

            await Task.Delay(20);
        }

        // Never asked before, and answered without a read of the cluster or of the address...
        var reads = counting.Reads;
        var cluster = await source.GetAsync(Customer, Exchange, CancellationToken.None);
        var listed = await source.GetAsync(Listed, null, CancellationToken.None);
        var both = await source.GetAsync(Later, Exchange, CancellationToken.None);
        Assert.Equal(reads, counting.Reads);

        // ...with what reading them gives: distinct, in the store's order, own labels first.
        Assert.Equal(await FromStore(Customer, Exchange), cluster);
        Assert.Equal(["Exchange X", "Service V"], cluster.Select(l => l.Text));
        Assert.Equal(await FromStore(Listed, null), listed);
        Assert.Equal(await FromStore(Later, Exchange), both);
        Assert.Equal([("Service V", false), ("Exchange X", true)], both.Select(l => (l.Text, l.ViaCluster)));
    }

    /// <summary>What a screening's labels are when read from the store (own, then the cluster's not already among them).</summary>
    private async Task<IReadOnlyList<RiskLabel>> FromStore(Address address, long? cluster)
    {
        static RiskLabel Of(StoredLabel l, bool viaCluster) => new(l.Label.Category, l.Label.Confidence.Level, l.Label.Text, l.Label.Source, viaCluster);
        var own = (await _store.GetByAddressAsync(address, CancellationToken.None)).Select(l => Of(l, false)).Distinct().ToList();
        if (cluster is { } id)
        {
            var onCluster = (await _store.GetByClusterAsync(Chain.Btc, id, CancellationToken.None)).Select(l => Of(l, true)).Distinct();
            own.AddRange(onCluster.Where(c => !own.Any(o => o.Category == c.Category && o.Text == c.Text && o.Source == c.Source && o.Confidence == c.Confidence)));
        }

        return own;
    }

    private static async Task<IReadOnlyList<RiskLabel>> Eventually(RiskLabelSource source, Address address, long? cluster, Func<IReadOnlyList<RiskLabel>, bool> done)
    {
        var deadline = DateTime.UtcNow.AddSeconds(10);
        while (true)
        {
            var labels = await source.GetAsync(address, cluster, CancellationToken.None);
            if (done(labels) || DateTime.UtcNow > deadline)
            {
                return labels;
            }

            await Task.Delay(20);
        }
    }

    private Task Import(string pack, IReadOnlyList<Label> labels) =>
        _store.ReplacePackAsync(new LabelPack(pack, "csv", null, Convert.ToHexStringLower(System.Security.Cryptography.SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(pack + labels.Count))), labels.Count), labels, [], CancellationToken.None);

    private static Label ClusterLabel(long cluster, string text, LabelCategory category, string pack, int line) =>
        new(LabelSubject.OfCluster(Chain.Btc, cluster), text, category, null, null, "https://example.org/" + pack, pack, line, new Confidence("ownership", 100), false);

    private static Label AddressLabel(Address address, string text, LabelCategory category, string pack, int line) =>
        new(LabelSubject.OfAddress(address), text, category, null, null, "https://example.org/" + pack, pack, line, new Confidence("ownership", 100), false);

    /// <summary>The real store, counting the reads of one address's or one cluster's labels, and the complete listings.</summary>
    private sealed class CountingLabelStore(ILabelStore inner) : ILabelStore
    {
        private int _reads;
        private int _listings;

        public int Reads => Volatile.Read(ref _reads);

        public Task<IReadOnlyList<StoredLabel>> GetByAddressAsync(Address address, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            return inner.GetByAddressAsync(address, cancellationToken);
        }

        public Task<IReadOnlyList<StoredLabel>> GetByClusterAsync(Chain chain, long clusterId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            return inner.GetByClusterAsync(chain, clusterId, cancellationToken);
        }

        public Task<IReadOnlyList<LabelGist>> GetGistsByClusterAsync(Chain chain, long clusterId, CancellationToken cancellationToken)
        {
            Interlocked.Increment(ref _reads);
            return inner.GetGistsByClusterAsync(chain, clusterId, cancellationToken);
        }

        public Task ReplacePackAsync(LabelPack pack, IReadOnlyList<Label> labels, IReadOnlyList<Actor> actors, CancellationToken cancellationToken) =>
            inner.ReplacePackAsync(pack, labels, actors, cancellationToken);

        public Task<IReadOnlyDictionary<string, Actor>> GetActorsAsync(IReadOnlyCollection<string> ids, CancellationToken cancellationToken) =>
            inner.GetActorsAsync(ids, cancellationToken);

        /// <summary>Listings read to their last page.</summary>
        public int Listings => Volatile.Read(ref _listings);

        public async Task<LabelPage> ListAsync(LabelQuery query, CancellationToken cancellationToken)
        {
            var page = await inner.ListAsync(query, cancellationToken);
            if (page.NextAfter is null)
            {
                Interlocked.Increment(ref _listings);
            }

            return page;
        }

        public Task<IReadOnlyList<StoredLabel>> GetClusterDefinersAsync(Chain chain, CancellationToken cancellationToken) =>
            inner.GetClusterDefinersAsync(chain, cancellationToken);

        public Task SetPropagatedClustersAsync(IReadOnlyList<ClusterAssignment> assignments, CancellationToken cancellationToken) =>
            inner.SetPropagatedClustersAsync(assignments, cancellationToken);

        public Task<string> GetLabelSetVersionAsync(CancellationToken cancellationToken) => inner.GetLabelSetVersionAsync(cancellationToken);

        public Task<long> GetPropagationVersionAsync(CancellationToken cancellationToken) => inner.GetPropagationVersionAsync(cancellationToken);
    }

    private sealed class ManualClock : TimeProvider
    {
        private long _ticks = DateTimeOffset.UnixEpoch.AddYears(56).UtcTicks;

        public override DateTimeOffset GetUtcNow() => new(Interlocked.Read(ref _ticks), TimeSpan.Zero);

        public void Advance(TimeSpan by) => Interlocked.Add(ref _ticks, by.Ticks);
    }
}
