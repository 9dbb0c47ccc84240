using ChainTrace.Core.Chains;
using ChainTrace.Core.Watchlists;
using ChainTrace.Storage.Sqlite.AppState;
using ChainTrace.TestSupport;

namespace ChainTrace.Jobs.Tests;

/// <summary>The watchlist part of the app-state port on a real SQLite file.</summary>
public sealed class SqliteWatchlistStoreTests : IDisposable
{
    private static readonly DateTimeOffset Now = DateTimeOffset.FromUnixTimeMilliseconds(1_700_000_000_000);
    private readonly TempDir _temp = new("watchlists");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Alert_FiresOncePerCause_AcrossReopen_WithOneDelivery()
    {
        var path = _temp.File("appstate.db");
        var watchlist = new Watchlist("wl_1", "ransomware", Chain.Btc, ["1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa"], [new WatchRule("outgoing"), new WatchRule("reaches", "exchange", 3)],
            new WebhookTarget(new Uri("https://hooks.example.com/x"), "0123456789abcdef"), Now);
        var alert = new Alert(0, "wl_1", "outgoing", "outgoing:btc:1A1z:ab", ["ab"], "300000000", null, Now);
        await using (var store = await SqliteAppStateStore.OpenAsync(path, CancellationToken.None))
        {
            await store.AddWatchlistAsync(watchlist, CancellationToken.None);
            var raised = await store.TryRaiseAsync(alert, "d1", CancellationToken.None);
            Assert.NotNull(raised);
            Assert.Null(await store.TryRaiseAsync(alert, "d2", CancellationToken.None));
            Assert.Null(await store.GetDeliveryAsync("d2", CancellationToken.None));
        }

        await using (var store = await SqliteAppStateStore.OpenAsync(path, CancellationToken.None))
        {
            Assert.Null(await store.TryRaiseAsync(alert with { RaisedAt = Now.AddHours(1) }, "d3", CancellationToken.None));
            Assert.Equal(watchlist with { Subjects = watchlist.Subjects, Rules = watchlist.Rules }, await store.GetWatchlistAsync("wl_1", CancellationToken.None), new WatchlistComparer());
            var stored = Assert.Single(await store.ListAlertsAsync("wl_1", 0, 10, CancellationToken.None));
            Assert.Equal(alert.Cause, stored.Cause);
            Assert.Equal(["ab"], stored.Txs);
            var delivery = Assert.Single(await store.ListDeliveriesAsync("wl_1", CancellationToken.None));
            Assert.Equal(("d1", WebhookDelivery.Pending, 0), (delivery.Id, delivery.Status, delivery.Attempts));

            await store.RecordAttemptAsync("d1", 500, "HTTP 500", false, Now, CancellationToken.None);
            await store.RecordAttemptAsync("d1", 200, null, true, Now.AddSeconds(1), CancellationToken.None);
            await store.RecordAttemptAsync("d1", 500, "late duplicate", false, Now.AddSeconds(2), CancellationToken.None);
            delivery = (await store.GetDeliveryAsync("d1", CancellationToken.None))!;
            Assert.Equal((WebhookDelivery.Delivered, 3, Now.AddSeconds(1)), (delivery.Status, delivery.Attempts, delivery.DeliveredAt));
            Assert.Empty(await store.ListPendingDeliveriesAsync(CancellationToken.None));
        }
    }

    [Fact]
    public async Task Alerts_PageByCursor_AndFilterByWatchlist()
    {
        await using var store = await SqliteAppStateStore.OpenAsync(_temp.File("appstate.db"), CancellationToken.None);
        foreach (var id in new[] { "a", "b" })
        {
            await store.AddWatchlistAsync(new Watchlist(id, id, Chain.Btc, ["x"], [new WatchRule("outgoing")], null, Now), CancellationToken.None);
        }

        for (var i = 0; i < 5; i++)
        {
            await store.TryRaiseAsync(new Alert(0, i % 2 == 0 ? "a" : "b", "outgoing", $"c{i}", [], "1", null, Now), null, CancellationToken.None);
        }

        var first = await store.ListAlertsAsync("a", 0, 2, CancellationToken.None);
        Assert.Equal(["c0", "c2"], first.Select(a => a.Cause));
        var rest = await store.ListAlertsAsync("a", first[^1].Id, 2, CancellationToken.None);
        Assert.Equal(["c4"], rest.Select(a => a.Cause));
        Assert.Equal(5, (await store.ListAlertsAsync(null, 0, 10, CancellationToken.None)).Count);
        Assert.Empty(await store.ListDeliveriesAsync("a", CancellationToken.None));
    }

    private sealed class WatchlistComparer : IEqualityComparer<Watchlist?>
    {
        public bool Equals(Watchlist? x, Watchlist? y) =>
            x is not null && y is not null && x.Id == y.Id && x.Name == y.Name && x.Chain == y.Chain && x.Subjects.SequenceEqual(y.Subjects)
            && x.Rules.SequenceEqual(y.Rules) && x.Webhook == y.Webhook && x.CreatedAt == y.CreatedAt;

        public int GetHashCode(Watchlist? obj) => obj?.Id.GetHashCode(StringComparison.Ordinal) ?? 0;
    }
}
