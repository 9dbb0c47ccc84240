using ChainTrace.Api.Neighbours;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Clustering;
using ChainTrace.Core.Queries;
using ChainTrace.Index.Service;
using ChainTrace.Storage.Sqlite;
using ChainTrace.TestSupport;

namespace ChainTrace.Web.Tests;

/// <summary>
/// The neighbour-times cache behind the graph view's expansions: a repeated expansion at the same data is answered
/// from it, a read model cut back or extended drops it (answers equal an uncached scan), and it keeps its bound.
/// </summary>
[Collection("web")]
[Trait("Category", "Integration")]
public sealed class NeighbourTimesCacheTests(WebFixture web) : IDisposable
{
    private readonly TempDir _temp = new("neighbour-cache");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Activity_IsCachedAtOneHeight_AndRecomputedWhenTheHeightMoves()
    {
        var data = _temp.File("data");
        var blocks = Path.Combine(web.Data, "demo", "btc", "blocks");
        await WebFixture.RunCliAsync("ingest", "btc", "--network", "regtest", "--blocks-dir", blocks, "--data", data, "--no-cluster");
        var exchange = BtcAddress.Parse(web.Exchange, Network.Regtest);
        await using var store = await SqliteGraphStore.OpenAsync(Path.Combine(data, "graph.db"), CancellationToken.None);
        using var clusters = new ClusterService(data, store, store, ClusteringPolicy.Default);
        await clusters.UpdateAsync(Chain.Btc, null, CancellationToken.None);
        var cache = new NeighbourTimesCache(NeighbourTimesCache.DefaultCapacity);
        var activity = new NeighbourActivity(clusters, cache);

        var full = await activity.OfAsync(exchange, FlowDirection.In, CancellationToken.None);
        Assert.NotNull(full);
        Assert.Same(full, await activity.OfAsync(exchange, FlowDirection.In, CancellationToken.None));
        Assert.Equal(1 + full.ByKey.Count, cache.Weight);

        // Cut back to below the last block paying the exchange (heights as NBitcoin reads the blk file): fewer
        // neighbours, or narrower spans, than the cached answer says.
        var paid = DemoBlocks.Read(web.Data).Select((b, height) => (b.Block, height))
            .Where(b => b.Block.Transactions.Any(t => t.Outputs.Any(o => DemoBlocks.AddressOf(o) == web.Exchange))).Select(b => (long)b.height).ToList();
        Assert.True(paid.Count > 1, "the demo exchange is paid in more than one block");
        var cut = paid[^1] - 1;
        await store.RollbackToAsync(Chain.Btc, cut, CancellationToken.None);
        await clusters.UpdateAsync(Chain.Btc, null, CancellationToken.None);
        var half = await activity.OfAsync(exchange, FlowDirection.In, CancellationToken.None);
        Assert.NotNull(half);
        AssertSame(await new NeighbourActivity(clusters).OfAsync(exchange, FlowDirection.In, CancellationToken.None), half);
        Assert.True(half.Total < full.Total || half.ByKey.Any(n => n.Value.Last.Height < full.ByKey[n.Key].Last.Height),
            $"the demo exchange's payers at height {cut} ({half.Total}) should differ from those at the tip ({full.Total})");

        // Extended again to the tip: the answer equals the first (computed anew, not the cut-back one kept).
        await WebFixture.RunCliAsync("ingest", "btc", "--network", "regtest", "--blocks-dir", blocks, "--data", data, "--no-cluster");
        await clusters.UpdateAsync(Chain.Btc, null, CancellationToken.None);
        var again = await activity.OfAsync(exchange, FlowDirection.In, CancellationToken.None);
        Assert.NotSame(full, again);
        AssertSame(full, again);
    }

    [Fact]
    public void Cache_KeepsItsBound_DroppingTheLeastRecentlyUsed()
    {
        var cache = new NeighbourTimesCache(5);
        cache.Add("h1", "a", FlowDirection.In, Times(2));
        cache.Add("h1", "b", FlowDirection.In, Times(1));
        Assert.Equal(5, cache.Weight);
        Assert.True(cache.TryGet("h1", "a", FlowDirection.In, out _));
        cache.Add("h1", "c", FlowDirection.Out, Times(1));
        Assert.False(cache.TryGet("h1", "b", FlowDirection.In, out _));
        Assert.True(cache.TryGet("h1", "a", FlowDirection.In, out _));
        Assert.False(cache.TryGet("h1", "a", FlowDirection.Out, out _));
        Assert.Equal(5, cache.Weight);

        cache.Add("h1", "big", FlowDirection.In, Times(5));
        Assert.False(cache.TryGet("h1", "big", FlowDirection.In, out _));
        Assert.False(cache.TryGet("h2", "a", FlowDirection.In, out _));
        cache.Add("h2", "d", FlowDirection.In, null);
        Assert.Equal(1, cache.Weight);
        Assert.True(cache.TryGet("h2", "d", FlowDirection.In, out var none));
        Assert.Null(none);
    }

    private static NeighbourTimes Times(int neighbours) =>
        new(neighbours, Enumerable.Range(0, neighbours).ToDictionary(i => $"k{i}", i => new NeighbourSpan((i, DateTimeOffset.UnixEpoch), (i, DateTimeOffset.UnixEpoch))));

    private static void AssertSame(NeighbourTimes? expected, NeighbourTimes? actual)
    {
        Assert.NotNull(expected);
        Assert.NotNull(actual);
        Assert.Equal(expected.Total, actual.Total);
        Assert.Equal(expected.ByKey.OrderBy(p => p.Key, StringComparer.Ordinal), actual.ByKey.OrderBy(p => p.Key, StringComparer.Ordinal));
    }
}
