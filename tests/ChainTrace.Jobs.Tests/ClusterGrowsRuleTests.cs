using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Clustering.Views;
using ChainTrace.Core.Watchlists;
using ChainTrace.Jobs.Rules;
using ChainTrace.Storage.Sqlite;
using ChainTrace.Storage.Sqlite.AppState;
using ChainTrace.TestSupport;

namespace ChainTrace.Jobs.Tests;

/// <summary>
/// <c>cluster-grows</c> over a hand-built cluster map (our own port) and a real SQLite app state file, rescanned as
/// <c>rescan-watchlists</c> does (evaluate, raise once per cause, then <see cref="IWatchRuleEvaluator.StoredAsync"/>).
/// </summary>
public sealed class ClusterGrowsRuleTests : IAsyncLifetime
{
    private static readonly DateTimeOffset Now = new(2026, 12, 2, 0, 0, 0, TimeSpan.Zero);
    private static readonly Address A = Make(1), B = Make(2), C = Make(3), D = Make(4);
    private readonly TempDir _temp = new("cluster-grows");
    private readonly FakeClusters _clusters = new();
    private readonly Watchlist _watchlist = new("wl_g", "grows", Chain.Btc, ["cluster:5", $"{B}"], [new WatchRule(WatchRule.ClusterGrows)], null, Now);
    private SqliteGraphStore? _graph;
    private SqliteAppStateStore? _appState;

    public async Task InitializeAsync()
    {
        _graph = await SqliteGraphStore.OpenAsync(_temp.File("graph.db"), CancellationToken.None);
        _appState = await SqliteAppStateStore.OpenAsync(_temp.File("appstate.db"), CancellationToken.None);
        await _appState.AddWatchlistAsync(_watchlist, CancellationToken.None);
        _clusters.ClusterOf[A] = 5;
        _clusters.ClusterOf[B] = 5;
        _clusters.Links.Add(new ClusterLinkView(1, "multi-input", A, B, "aa", 100));
    }

    public async Task DisposeAsync()
    {
        await _appState!.DisposeAsync();
        await _graph!.DisposeAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task FirstRescanIsTheBaseline_ThenOneAlertPerJoiningAddress_NeverTwice()
    {
        Assert.Empty(await RescanAsync());

        // A new block co-spends C with the member B; the cluster update puts C in cluster 5.
        _clusters.ClusterOf[C] = 5;
        _clusters.Links.Add(new ClusterLinkView(2, "multi-input", B, C, "cc", 100));
        var grown = await RescanAsync();

        Assert.Equal(
            [AlertCause.ClusterGrows(Chain.Btc, "cluster:5", C), AlertCause.ClusterGrows(Chain.Btc, $"{B}", C)],
            grown.Select(a => a.Cause));
        Assert.All(grown, a => Assert.Equal((WatchRule.ClusterGrows, "cluster:5", "cc"), (a.Rule, a.Entity, Assert.Single(a.Txs))));
        Assert.Equal($"cluster-grows:btc:cluster:5:{C}", grown[0].Cause);
        Assert.Empty(await RescanAsync());

        await _appState!.DisposeAsync();
        _appState = await SqliteAppStateStore.OpenAsync(_temp.File("appstate.db"), CancellationToken.None);
        Assert.Empty(await RescanAsync());
        Assert.Equal(2, (await _appState.ListAlertsAsync("wl_g", 0, 100, CancellationToken.None)).Count);
    }

    [Fact]
    public async Task ABaselineRecordedAtWatchTime_MakesTheFirstRescanAlertForLaterMembers()
    {
        await Rule().RecordBaselinesAsync(_watchlist, CancellationToken.None);
        _clusters.ClusterOf[C] = 5;

        Assert.Equal(
            [AlertCause.ClusterGrows(Chain.Btc, "cluster:5", C), AlertCause.ClusterGrows(Chain.Btc, $"{B}", C)],
            (await RescanAsync()).Select(a => a.Cause));
    }

    [Fact]
    public async Task AMergeMovesTheClusterId_AlertsStayKeyedOnTheSubject()
    {
        Assert.Empty(await RescanAsync());

        // Cluster 2 (D) and cluster 5 merge; the lowest id survives, so "cluster:5" now answers with cluster 2.
        _clusters.ClusterOf[D] = 2;
        _clusters.Survivor[5] = 2;
        _clusters.Links.Add(new ClusterLinkView(3, "multi-input", D, A, "dd", 100));
        var merged = await RescanAsync();

        Assert.Equal(
            [AlertCause.ClusterGrows(Chain.Btc, "cluster:5", D), AlertCause.ClusterGrows(Chain.Btc, $"{B}", D)],
            merged.Select(a => a.Cause));
        Assert.All(merged, a => Assert.Equal(("cluster:2", "dd"), (a.Entity, Assert.Single(a.Txs))));
        Assert.Empty(await RescanAsync());
    }

    [Fact]
    public async Task AnAlertRaisedButNotYetInTheBaseline_IsNotRaisedAgain()
    {
        Assert.Empty(await RescanAsync());
        _clusters.ClusterOf[C] = 5;

        var rule = Rule();
        var subject = (await Resolver().ResolveAsync(_watchlist, CancellationToken.None))[0];
        var alert = Assert.Single(await rule.EvaluateAsync(_watchlist, _watchlist.Rules[0], subject, Now, CancellationToken.None));
        Assert.NotNull(await _appState!.TryRaiseAsync(alert, null, CancellationToken.None));
        Assert.Empty(alert.Txs);

        // The process died before StoredAsync: the next rescan meets the same cause and stores nothing new for it.
        var next = await RescanAsync();
        Assert.Equal([AlertCause.ClusterGrows(Chain.Btc, $"{B}", C)], next.Select(a => a.Cause));
        Assert.Equal(2, (await _appState.ListAlertsAsync("wl_g", 0, 100, CancellationToken.None)).Count);
    }

    private static BtcAddress Make(byte seed) => BtcAddress.FromProgram(Network.Main, BtcAddressType.P2WPKH, Enumerable.Repeat(seed, 20).ToArray(), 0);

    private SubjectResolver Resolver() => new(_graph!, _clusters);

    private ClusterGrowsRule Rule() => new(Resolver(), _appState!, _clusters);

    /// <summary>One rescan as <c>rescan-watchlists</c> runs it; the alerts it newly stored.</summary>
    private async Task<List<Alert>> RescanAsync()
    {
        var rule = Rule();
        var raised = new List<Alert>();
        foreach (var subject in await Resolver().ResolveAsync(_watchlist, CancellationToken.None))
        {
            var alerts = await rule.EvaluateAsync(_watchlist, _watchlist.Rules[0], subject, Now, CancellationToken.None);
            foreach (var alert in alerts)
            {
                if (await _appState!.TryRaiseAsync(alert, null, CancellationToken.None) is { } stored)
                {
                    raised.Add(stored);
                }
            }

            await rule.StoredAsync(_watchlist, subject, alerts, CancellationToken.None);
        }

        return raised;
    }
}
