using ChainTrace.Core.Clustering;
using ChainTrace.Index.Account;

namespace ChainTrace.Index.Clustering;

/// <summary>
/// Ethereum clusters from the deposit-address heuristic: <see cref="Update"/> extends them from persisted state
/// (<see cref="EthDepositUpdate"/>), <see cref="Rebuild"/> recomputes them over the whole account read model; both
/// end in the same clusters, links and digest.
/// </summary>
public static class EthClusterer
{
    public const string PolicyName = "eth-deposit";

    /// <summary>The incremental update: work in proportion to the new transfers, the addresses they touch and the receivers those feed.</summary>
    public static ClusterUpdateSummary Update(EthIndex index, ClusterStore store, EthDepositOptions options)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(options);
        var clock = System.Diagnostics.Stopwatch.StartNew();
        using var state = EthDepositState.Open(Path.Combine(store.Directory, "deposits"), options.ToString());
        state.Begin();
        store.Begin();
        var update = new EthDepositUpdate(index, state, options);
        var changed = update.Run();
        var linksBefore = store.LinkCount;
        var replay = changed || store.State.Policy != PolicyName || store.Forest.Count > index.AddressCount;
        if (replay)
        {
            store.Reset(PolicyName);
            var forest = store.Forest;
            forest.Grow(index.AddressCount);
            for (long i = 0; i < state.Candidates.Count; i++)
            {
                var link = state.Candidates[i].Link;
                if (forest.Union(link.A, link.B))
                {
                    store.AddLink(link);
                }
            }
        }
        else
        {
            store.Forest.Grow(index.AddressCount);
        }

        store.State.Height = index.Height;
        store.State.Transactions = (int)index.TransferCount;
        var linkSeconds = clock.Elapsed.TotalSeconds;
        clock.Restart();
        store.Commit();
        state.Commit();
        var (clusters, largest) = UtxoClusterer.Shape(store.Forest);
        var work = FormattableString.Invariant(
            $"eth deposits: {update.BlocksRead} blocks and {update.TransfersRead} transfers read, {update.Touched} addresses touched, {update.Affected} receivers recomputed, links {(replay ? "replayed" : "unchanged")} ({state.Candidates.Count} candidates)");
        return new ClusterUpdateSummary(update.BlocksRead, update.TransfersRead, 0, Math.Max(0, store.LinkCount - linksBefore), 0, 0, clusters, largest, index.Height, linkSeconds, clock.Elapsed.TotalSeconds)
        {
            Stages = work,
        };
    }

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
