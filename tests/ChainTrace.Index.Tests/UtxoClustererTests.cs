using ChainTrace.Core.Clustering;
using ChainTrace.Index.Clustering;
using ChainTrace.Index.Service;
using ChainTrace.Index.Utxo;
using ChainTrace.TestSupport;

namespace ChainTrace.Index.Tests;

public sealed class UtxoClustererTests : IDisposable
{
    private readonly TempDir _temp = new("clusterer");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Update_RecordsExactlyTheMergingLinksThePlannerGivesPerTransaction()
    {
        var sim = await SimulatedData.CreateAsync(_temp, "coinjoin-heavy");
        await Cli.RunAsync("cluster", "update", "--data", sim.Data);
        var paths = new ReadModelPaths(sim.Data);
        using var model = await BtcReadModel.OpenAsync(sim.Data);
        var index = model.Index;
        using var store = ClusterStore.Open(paths.BtcClusters);

        var forest = new ClusterForest();
        forest.Grow(index.AddressCount);
        var expected = new List<ClusterLink>();
        for (var t = 0; t < index.TxCount; t++)
        {
            foreach (var link in TxLinkPlanner.Plan(index.Facts(t), t, ClusteringPolicy.Default).Links)
            {
                if (forest.Union(link.A, link.B))
                {
                    expected.Add(link);
                }
            }
        }

        Assert.Equal(expected, Enumerable.Range(0, (int)store.LinkCount).Select(i => store.Link(i)));
    }

    [Fact]
    public async Task Guard_HoldsBackJoinsOfTwoLargeClusters_UntilApproved()
    {
        var sim = await SimulatedData.CreateAsync(_temp, "coinjoin-heavy");
        var update = await Cli.RunAsync("cluster", "update", "--data", sim.Data, "--supercluster-threshold", "2");
        var reviews = await Cli.RunAsync("cluster", "reviews", "--data", sim.Data);
        var paths = new ReadModelPaths(sim.Data);
        long linksBefore;
        using (var store = ClusterStore.Open(paths.BtcClusters))
        {
            linksBefore = store.LinkCount;
            var review = store.Review(0);
            Assert.True(review.SizeA > 2 && review.SizeB > 2, $"held back a join of sizes {review.SizeA} and {review.SizeB}");
            Assert.NotEqual(store.Forest.Find(review.ClusterA), store.Forest.Find(review.ClusterB));
        }

        var approve = await Cli.RunAsync("cluster", "approve", "0", "--data", sim.Data);

        Assert.DoesNotContain(" 0 held for review", update, StringComparison.Ordinal);
        Assert.Contains("0\tpending\ttx ", reviews, StringComparison.Ordinal);
        Assert.Contains("review 0 approved", approve, StringComparison.Ordinal);
        using (var store = ClusterStore.Open(paths.BtcClusters))
        {
            var review = store.Review(0);
            Assert.Equal(1, review.Approved);
            Assert.Equal(store.Forest.Find(review.ClusterA), store.Forest.Find(review.ClusterB));
            Assert.True(store.LinkCount > linksBefore);
        }

        Assert.Contains("0\tapproved", await Cli.RunAsync("cluster", "reviews", "--data", sim.Data), StringComparison.Ordinal);
    }
}
