using System.Diagnostics;
using ChainTrace.Core.Clustering;
using ChainTrace.Index.Utxo;

namespace ChainTrace.Index.Clustering;

/// <summary>
/// Extends a chain's clusters over the read-model blocks they have not seen: cuts back first when the read model
/// moved to another branch (block hashes differ), then runs the heuristics per transaction and unions the links
/// the policy allows. The supercluster guard holds back a transaction whose links would join two clusters both
/// larger than the threshold and records a review instead.
/// </summary>
public static class UtxoClusterer
{
    public static ClusterUpdateSummary Update(UtxoIndex index, ClusterStore store, ClusteringPolicy policy, IProgress<ClusterProgress>? progress = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(policy);
        if (store.State.Policy != policy.Describe())
        {
            store.Reset(policy.Describe());
        }

        var clock = Stopwatch.StartNew();
        var cpu = Process.GetCurrentProcess().TotalProcessorTime;
        var rolledBack = RollBackToCommonBlock(index, store);
        store.Begin();
        long transactions = 0, inputs = 0, linksBefore = store.LinkCount, reviewsBefore = store.ReviewCount;
        var forest = store.Forest;
        var firstBlock = store.BlockCount;
        var pass = new CoSpendPass(store, policy);
        for (var b = firstBlock; b < index.BlockCount; b++)
        {
            var block = index.Block(b);
            var end = b + 1 < index.BlockCount ? index.Block(b + 1).FirstTx : index.TxCount;
            var addressEnd = b + 1 < index.BlockCount ? index.Block(b + 1).FirstAddress : index.AddressCount;
            forest.Grow(addressEnd);
            var nextInput = index.Tx(block.FirstTx).FirstInput;
            for (var t = block.FirstTx; t < end; t++)
            {
                var inputStart = nextInput;
                nextInput = t + 1 < index.TxCount ? index.Tx(t + 1).FirstInput : index.InputCount;
                var inputCount = nextInput - inputStart;
                inputs += inputCount;
                transactions++;
                if (inputCount == 0)
                {
                    continue;
                }

                var distinct = pass.DistinctInputs(index, inputStart, inputCount);
                if (policy.ChangeMergeConfidence is null)
                {
                    // Only co-spend links: none for one spender; a possible mix runs the detectors (the planner's rule, without its change heuristics).
                    if (distinct.Count >= 2 && !(policy.ExcludeCoinJoins && CoinJoinTxs.IsMix(index, t)))
                    {
                        pass.Apply(distinct, t);
                    }

                    continue;
                }

                var plan = TxLinkPlanner.Plan(index.Facts(t), t, policy);
                if (plan.Links.Count > 0)
                {
                    Apply(store, forest, plan.Links, t, policy);
                }
            }

            store.AddBlock(new ClusterBlock { Hash = block.Hash, TxEnd = end, AddressEnd = addressEnd });
            store.State.Height = block.Height;
            store.State.Transactions = end;
            if (progress is not null && (b - firstBlock) % 500 == 499)
            {
                progress.Report(new ClusterProgress(block.Height, transactions, store.LinkCount, clock.Elapsed));
            }
        }

        forest.Grow(index.AddressCount);
        var linkSeconds = clock.Elapsed.TotalSeconds;
        var linkCpuSeconds = (Process.GetCurrentProcess().TotalProcessorTime - cpu).TotalSeconds;
        var persist = Stopwatch.StartNew();
        store.Commit();
        var persistSeconds = persist.Elapsed.TotalSeconds;
        var (clusters, largest) = Shape(forest);
        return new ClusterUpdateSummary(index.BlockCount - firstBlock, transactions, inputs, store.LinkCount - linksBefore,
            store.ReviewCount - reviewsBefore, rolledBack, clusters, largest, store.State.Height, linkSeconds, persistSeconds)
        {
            LinkCpuSeconds = linkCpuSeconds,
        };
    }

    /// <summary>Applies a held-back transaction's links (an investigator's approval).</summary>
    public static ClusterReview Approve(UtxoIndex index, ClusterStore store, ClusteringPolicy policy, long reviewId)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(store);
        if (reviewId < 0 || reviewId >= store.ReviewCount)
        {
            throw new KeyNotFoundException($"no review {reviewId}");
        }

        var review = store.Review(reviewId);
        if (review.Approved != 0)
        {
            return review;
        }

        store.Begin();
        foreach (var link in TxLinkPlanner.Plan(index.Facts(review.Tx), review.Tx, policy).Links)
        {
            if (store.Forest.Union(link.A, link.B))
            {
                store.AddLink(link);
            }
        }

        review.Approved = 1;
        store.SetReview(reviewId, review);
        store.Commit();
        return review;
    }

    public static (int Clusters, int Largest) Shape(ClusterForest forest)
    {
        ArgumentNullException.ThrowIfNull(forest);
        int clusters = 0, largest = 0;
        var parents = forest.Parents;
        var sizes = forest.Sizes;
        for (var a = 0; a < parents.Length; a++)
        {
            if (parents[a] == a)
            {
                clusters++;
                largest = Math.Max(largest, sizes[a]);
            }
        }

        return (clusters, largest);
    }

    private static void Apply(ClusterStore store, ClusterForest forest, IReadOnlyList<ClusterLink> links, int tx, ClusteringPolicy policy)
    {
        int bigA = -1, bigB = -1;
        foreach (var link in links)
        {
            foreach (var end in (ReadOnlySpan<int>)[link.A, link.B])
            {
                var root = forest.Find(end);
                if (forest.SizeOf(root) > policy.SuperclusterThreshold && root != bigA && root != bigB)
                {
                    if (bigA < 0)
                    {
                        bigA = root;
                    }
                    else
                    {
                        bigB = root;
                    }
                }
            }
        }

        if (bigB >= 0)
        {
            store.AddReview(new ClusterReview(tx, Math.Min(bigA, bigB), forest.SizeOf(Math.Min(bigA, bigB)), Math.Max(bigA, bigB), forest.SizeOf(Math.Max(bigA, bigB)), links.Count, 0));
            return;
        }

        foreach (var link in links)
        {
            if (forest.Union(link.A, link.B))
            {
                store.AddLink(link);
            }
        }
    }

    private static int RollBackToCommonBlock(UtxoIndex index, ClusterStore store)
    {
        // Every shared block is compared, not only the top: a block kept above a reorg can match while those under it changed.
        var shared = Math.Min(store.BlockCount, index.BlockCount);
        var common = 0;
        while (common < shared && store.Block(common).Hash.ToHash().Equals(index.Block(common).BlockHash))
        {
            common++;
        }

        var rolledBack = store.BlockCount - common;
        if (rolledBack > 0)
        {
            store.Begin();
            store.CutBack(common);
            store.Commit();
        }

        return rolledBack;
    }
}
