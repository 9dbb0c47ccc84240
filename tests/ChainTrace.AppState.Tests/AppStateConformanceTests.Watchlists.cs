using ChainTrace.Core.Chains;
using ChainTrace.Core.Watchlists;

namespace ChainTrace.AppState.Tests;

public abstract partial class AppStateConformanceTests
{
    [Fact]
    public async Task Watchlist_RoundTrips_WithRulesAndWebhook()
    {
        var watchlist = SampleWatchlist("wl_1");
        await Watchlists.AddWatchlistAsync(watchlist, CancellationToken.None);
        await Watchlists.AddWatchlistAsync(new Watchlist("wl_0", "plain", Chain.Eth, ["0x00000000000000000000000000000000000000aa"], [new WatchRule("score-above", Value: 75)], null, T0.AddMinutes(-1)), CancellationToken.None);

        await ReopenAsync();

        var stored = await Watchlists.GetWatchlistAsync("wl_1", CancellationToken.None);
        Assert.NotNull(stored);
        Assert.Equal((watchlist.Id, watchlist.Name, watchlist.Chain, watchlist.Webhook, watchlist.CreatedAt), (stored.Id, stored.Name, stored.Chain, stored.Webhook, stored.CreatedAt));
        Assert.Equal(watchlist.Subjects, stored.Subjects);
        Assert.Equal(watchlist.Rules, stored.Rules);
        Assert.Equal(["wl_0", "wl_1"], (await Watchlists.ListWatchlistsAsync(CancellationToken.None)).Select(w => w.Id));
        Assert.Null(await Watchlists.GetWatchlistAsync("nope", CancellationToken.None));
    }

    [Fact]
    public async Task Alert_FiresOncePerCause_AcrossReopen_WithOneDelivery()
    {
        await Watchlists.AddWatchlistAsync(SampleWatchlist("wl_1"), CancellationToken.None);
        var alert = new Alert(0, "wl_1", "outgoing", "outgoing:btc:1A1z:ab", ["ab"], "300000000", null, T0);

        var raised = await Watchlists.TryRaiseAsync(alert, "d1", CancellationToken.None);
        Assert.NotNull(raised);
        Assert.Null(await Watchlists.TryRaiseAsync(alert, "d2", CancellationToken.None));
        Assert.Null(await Watchlists.GetDeliveryAsync("d2", CancellationToken.None));

        await ReopenAsync();

        Assert.Null(await Watchlists.TryRaiseAsync(alert with { RaisedAt = T0.AddHours(1) }, "d3", CancellationToken.None));
        var stored = Assert.Single(await Watchlists.ListAlertsAsync("wl_1", 0, 10, CancellationToken.None));
        Assert.Equal((raised.Id, alert.Cause, alert.Amount, alert.RaisedAt), (stored.Id, stored.Cause, stored.Amount, stored.RaisedAt));
        Assert.Equal(["ab"], stored.Txs);
        Assert.Equal(stored, await Watchlists.GetAlertAsync(stored.Id, CancellationToken.None), AlertComparer.Instance);
        var delivery = Assert.Single(await Watchlists.ListDeliveriesAsync("wl_1", CancellationToken.None));
        Assert.Equal(("d1", WebhookDelivery.Pending, 0, stored.Id), (delivery.Id, delivery.Status, delivery.Attempts, delivery.Alert));
        Assert.Equal("d1", Assert.Single(await Watchlists.ListPendingDeliveriesAsync(CancellationToken.None)).Id);
    }

    [Fact]
    public async Task ClusterBaseline_NullUntilRecorded_GrowsIdempotently_AcrossReopen()
    {
        await Watchlists.AddWatchlistAsync(SampleWatchlist("wl_1"), CancellationToken.None);
        Assert.Null(await Watchlists.GetClusterMembersAsync("wl_1", "cluster:5", CancellationToken.None));

        await Watchlists.AddClusterMembersAsync("wl_1", "cluster:5", ["a1", "a2"], CancellationToken.None);
        await Watchlists.AddClusterMembersAsync("wl_1", "cluster:5", ["a2", "a3"], CancellationToken.None);
        await Watchlists.AddClusterMembersAsync("wl_1", "a9", [], CancellationToken.None);

        await ReopenAsync();

        Assert.Equal(["a1", "a2", "a3"], (await Watchlists.GetClusterMembersAsync("wl_1", "cluster:5", CancellationToken.None))!.Order(StringComparer.Ordinal));
        Assert.Empty((await Watchlists.GetClusterMembersAsync("wl_1", "a9", CancellationToken.None))!);
        Assert.Null(await Watchlists.GetClusterMembersAsync("wl_1", "cluster:6", CancellationToken.None));
    }

    [Fact]
    public async Task Delivery_RecordsFailedAttempts_ThenStaysDelivered()
    {
        await Watchlists.AddWatchlistAsync(SampleWatchlist("wl_1"), CancellationToken.None);
        await Watchlists.TryRaiseAsync(new Alert(0, "wl_1", "outgoing", "c", ["ab"], "1", "cluster:7", T0), "d1", CancellationToken.None);

        await Watchlists.RecordAttemptAsync("d1", 500, "HTTP 500", false, T0, CancellationToken.None);
        await Watchlists.RecordAttemptAsync("d1", null, "connection refused", false, T0, CancellationToken.None);
        var failing = (await Watchlists.GetDeliveryAsync("d1", CancellationToken.None))!;
        Assert.Equal((WebhookDelivery.Pending, 2, (int?)null, "connection refused"), (failing.Status, failing.Attempts, failing.LastStatusCode, failing.LastError));

        await Watchlists.RecordAttemptAsync("d1", 200, null, true, T0.AddSeconds(1), CancellationToken.None);
        await Watchlists.RecordAttemptAsync("d1", 500, "late duplicate", false, T0.AddSeconds(2), CancellationToken.None);

        var delivery = (await Watchlists.GetDeliveryAsync("d1", CancellationToken.None))!;
        Assert.Equal((WebhookDelivery.Delivered, 4, T0.AddSeconds(1)), (delivery.Status, delivery.Attempts, delivery.DeliveredAt));
        Assert.Empty(await Watchlists.ListPendingDeliveriesAsync(CancellationToken.None));
        Assert.Equal("cluster:7", (await Watchlists.GetAlertAsync(delivery.Alert, CancellationToken.None))!.Entity);
    }

    [Fact]
    public async Task Alerts_PageByCursor_AndFilterByWatchlist()
    {
        foreach (var id in new[] { "a", "b" })
        {
            await Watchlists.AddWatchlistAsync(new Watchlist(id, id, Chain.Btc, ["x"], [new WatchRule("outgoing")], null, T0), CancellationToken.None);
        }

        for (var i = 0; i < 5; i++)
        {
            await Watchlists.TryRaiseAsync(new Alert(0, i % 2 == 0 ? "a" : "b", "outgoing", $"c{i}", [], "1", null, T0), null, CancellationToken.None);
        }

        var first = await Watchlists.ListAlertsAsync("a", 0, 2, CancellationToken.None);
        Assert.Equal(["c0", "c2"], first.Select(a => a.Cause));
        var rest = await Watchlists.ListAlertsAsync("a", first[^1].Id, 2, CancellationToken.None);
        Assert.Equal(["c4"], rest.Select(a => a.Cause));
        Assert.Equal(5, (await Watchlists.ListAlertsAsync(null, 0, 10, CancellationToken.None)).Count);
        Assert.Empty(await Watchlists.ListDeliveriesAsync("a", CancellationToken.None));
    }

    [Fact]
    public async Task SameCause_RaisedAtOnceByTwoInstances_IsStoredOnce_WithOneDelivery()
    {
        await Watchlists.AddWatchlistAsync(SampleWatchlist("wl_1"), CancellationToken.None);
        await using var second = await OpenSecondAsync();
        var stores = new[] { Watchlists, second };

        var results = await Task.WhenAll(Enumerable.Range(0, 20).Select(i => Task.Run(() =>
            stores[i % 2].TryRaiseAsync(new Alert(0, "wl_1", "outgoing", $"cause-{i / 4}", ["ab"], "5", null, T0), $"d{i}", CancellationToken.None))));

        Assert.Equal(5, results.Count(r => r is not null));
        Assert.Equal(5, (await second.ListAlertsAsync("wl_1", 0, 100, CancellationToken.None)).Count);
        var deliveries = await Watchlists.ListDeliveriesAsync("wl_1", CancellationToken.None);
        Assert.Equal(results.Where(r => r is not null).Select(r => r!.Id).Order(), deliveries.Select(d => d.Alert).Order());
    }

    private static Watchlist SampleWatchlist(string id) => new(
        id,
        "ransomware",
        Chain.Btc,
        ["1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "cluster:42"],
        [new WatchRule("outgoing"), new WatchRule("reaches", "exchange", 3), new WatchRule("score-above", Value: 75), new WatchRule("cluster-grows")],
        new WebhookTarget(new Uri("https://hooks.example.com/x"), "0123456789abcdef"),
        T0);

    private sealed class AlertComparer : IEqualityComparer<Alert?>
    {
        public static readonly AlertComparer Instance = new();

        public bool Equals(Alert? x, Alert? y) =>
            x is not null && y is not null && (x.Id, x.Watchlist, x.Rule, x.Cause, x.Amount, x.Entity, x.RaisedAt) == (y.Id, y.Watchlist, y.Rule, y.Cause, y.Amount, y.Entity, y.RaisedAt)
            && x.Txs.SequenceEqual(y.Txs);

        public int GetHashCode(Alert? obj) => obj?.Id.GetHashCode() ?? 0;
    }
}
