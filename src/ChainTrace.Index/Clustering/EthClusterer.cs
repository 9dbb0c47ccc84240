using ChainTrace.Core.Clustering;
using ChainTrace.Index.Account;

namespace ChainTrace.Index.Clustering;

/// <summary>Ethereum clusters from the deposit-address heuristic, recomputed over the whole account read model.</summary>
public static class EthClusterer
{
    public const string PolicyName = "eth-deposit";

    public static ClusterUpdateSummary Rebuild(EthIndex index, ClusterStore store, EthDepositOptions options)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(store);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        store.Begin();
        store.Reset(PolicyName);
        var forest = store.Forest;
        forest.Grow(index.AddressCount);
        foreach (var link in EthDepositHeuristic.Link(index.NativeTransfers(), options))
        {
            if (forest.Union(link.A, link.B))
            {
                store.AddLink(link);
            }
        }

        store.State.Height = index.Height;
        store.State.Transactions = (int)index.TransferCount;
        var linkSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        store.Commit();
        var (clusters, largest) = UtxoClusterer.Shape(forest);
        return new ClusterUpdateSummary(0, index.TransferCount, 0, store.LinkCount, 0, 0, clusters, largest, index.Height, linkSeconds, clock.Elapsed.TotalSeconds);
    }
}
