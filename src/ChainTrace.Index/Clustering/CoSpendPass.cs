using ChainTrace.Core.Clustering;
using ChainTrace.Index.Utxo;

namespace ChainTrace.Index.Clustering;

/// <summary>
/// The co-spend links of one transaction at a time without allocating: its distinct input addresses into a reused
/// buffer, the supercluster guard over their roots, then the unions (first address to each other one, as
/// <see cref="TxLinkPlanner.AddCoSpendLinks"/> plans them). Same links, reviews and order as the planner's path.
/// </summary>
internal sealed class CoSpendPass(ClusterStore store, ClusteringPolicy policy)
{
    private readonly List<int> _distinct = [];
    private readonly HashSet<int> _seen = [];
    private readonly byte _confidence = (byte)policy.CoSpendConfidence;

    /// <summary>The distinct input addresses of a transaction in first-seen order (what <see cref="TxFacts.DistinctInputAddresses"/> gives).</summary>
    public List<int> DistinctInputs(UtxoIndex index, int start, int count)
    {
        var distinct = _distinct;
        distinct.Clear();
        var large = count > 32;
        if (large)
        {
            _seen.Clear();
        }

        for (var i = start; i < start + count; i++)
        {
            var address = index.InputAddress(i);
            if (address < 0 || (distinct.Count > 0 && distinct[^1] == address))
            {
                continue;
            }

            if (large ? _seen.Add(address) : !distinct.Contains(address))
            {
                distinct.Add(address);
            }
        }

        return distinct;
    }

    public void Apply(List<int> distinct, int tx)
    {
        var forest = store.Forest;
        int bigA = -1, bigB = -1;
        var threshold = policy.SuperclusterThreshold;
        foreach (var address in distinct)
        {
            var root = forest.Find(address);
            if (root != bigA && root != bigB && forest.SizeOf(root) > threshold)
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

        if (bigB >= 0)
        {
            var (low, high) = (Math.Min(bigA, bigB), Math.Max(bigA, bigB));
            store.AddReview(new ClusterReview(tx, low, forest.SizeOf(low), high, forest.SizeOf(high), distinct.Count - 1, 0));
            return;
        }

        var first = distinct[0];
        for (var i = 1; i < distinct.Count; i++)
        {
            if (forest.Union(first, distinct[i]))
            {
                store.AddLink(new ClusterLink(first, distinct[i], tx, LinkHeuristic.CoSpend, _confidence));
            }
        }
    }
}
