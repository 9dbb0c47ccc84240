using ChainTrace.Core.Clustering;

namespace ChainTrace.Core.Tests.Clustering;

public class ClusterForestTests
{
    [Fact]
    public void Union_KeepsTheLowestIdAsTheClusterId_WhateverTheOrder()
    {
        var forward = new ClusterForest();
        var backward = new ClusterForest();
        forward.Grow(10);
        backward.Grow(10);
        (int, int)[] links = [(9, 8), (8, 5), (5, 7), (2, 3)];
        foreach (var (a, b) in links)
        {
            forward.Union(a, b);
        }

        foreach (var (a, b) in links.Reverse())
        {
            backward.Union(b, a);
        }

        foreach (var id in new[] { 5, 7, 8, 9 })
        {
            Assert.Equal(5, forward.Find(id));
            Assert.Equal(5, backward.Find(id));
        }

        Assert.Equal(4, forward.SizeOf(9));
        Assert.Equal(2, forward.Find(3));
        Assert.False(forward.Union(7, 9));
    }

    [Fact]
    public void Flatten_PointsEveryIdAtItsRoot()
    {
        var forest = new ClusterForest();
        forest.Grow(1000);
        for (var i = 999; i > 0; i--)
        {
            forest.Union(i, i - 1);
        }

        forest.Flatten();

        Assert.All(forest.Parents.ToArray(), p => Assert.Equal(0, p));
        Assert.Equal(1000, forest.SizeOf(999));
    }
}
