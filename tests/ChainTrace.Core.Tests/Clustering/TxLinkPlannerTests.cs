using ChainTrace.Core.Clustering;
using static ChainTrace.Core.Tests.Clustering.TxBuilder;

namespace ChainTrace.Core.Tests.Clustering;

public class TxLinkPlannerTests
{
    [Fact]
    public void Plan_LinksTheFirstInputAddressToEveryOtherDistinctOne()
    {
        var tx = Tx([(7, 10), (3, 10), (7, 10), (9, 10)], [(1, 25, true)]);

        var plan = TxLinkPlanner.Plan(tx, 42, ClusteringPolicy.Default);

        Assert.Equal([(7, 3), (7, 9)], plan.Links.Select(l => (l.A, l.B)));
        Assert.All(plan.Links, l => Assert.Equal((42, LinkHeuristic.CoSpend), (l.Tx, l.Heuristic)));
    }

    [Fact]
    public void Plan_ExcludesCoinJoinInputsByDefault_AndMergesThemWhenExclusionIsOff()
    {
        var mix = Mix(5, 5_000_000);

        Assert.Empty(TxLinkPlanner.Plan(mix, 1, ClusteringPolicy.Default).Links);
        Assert.Equal("whirlpool", TxLinkPlanner.Plan(mix, 1, ClusteringPolicy.Default).CoinJoin?.Detector);
        Assert.Equal(4, TxLinkPlanner.Plan(mix, 1, new ClusteringPolicy { ExcludeCoinJoins = false }).Links.Count);
    }

    [Fact]
    public void Plan_MergesChangeOnlyAtOrAboveThePolicyConfidence()
    {
        var tx = Tx([(1, 500_000), (2, 400_000)], [(3, 600_000, false), (4, 287_651, true)]);

        Assert.DoesNotContain(TxLinkPlanner.Plan(tx, 1, ClusteringPolicy.Default).Links, l => l.Heuristic != LinkHeuristic.CoSpend);
        Assert.Contains(TxLinkPlanner.Plan(tx, 1, new ClusteringPolicy { ChangeMergeConfidence = 70 }).Links, l => l is { B: 4, Heuristic: LinkHeuristic.OneTimeChange });
        Assert.DoesNotContain(TxLinkPlanner.Plan(tx, 1, new ClusteringPolicy { ChangeMergeConfidence = 71 }).Links, l => l.B == 4);
    }

    [Fact]
    public void Policy_RoundTripsThroughItsStoredForm()
    {
        var policy = new ClusteringPolicy { ExcludeCoinJoins = false, ChangeMergeConfidence = 70, SuperclusterThreshold = 500 };

        Assert.Equal(policy, ClusteringPolicy.TryParse(policy.Describe()));
        Assert.Equal(ClusteringPolicy.Default, ClusteringPolicy.TryParse(ClusteringPolicy.Default.Describe()));
        Assert.Null(ClusteringPolicy.TryParse("nonsense"));
    }
}
