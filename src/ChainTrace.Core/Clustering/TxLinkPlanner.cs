namespace ChainTrace.Core.Clustering;

/// <summary>
/// Co-spend and (when the policy allows) change links for one transaction. Co-spend links the first input
/// address to every other distinct input address, unless the transaction is a CoinJoin that excludes co-spend
/// and the policy excludes CoinJoins.
/// </summary>
public static class TxLinkPlanner
{
    public static TxLinkPlan Plan(TxFacts tx, int txId, ClusteringPolicy policy)
    {
        ArgumentNullException.ThrowIfNull(tx);
        ArgumentNullException.ThrowIfNull(policy);
        if (tx.IsCoinbase)
        {
            return new TxLinkPlan(null, [], []);
        }

        var coinJoin = CoinJoinDetectors.Detect(tx);
        var mixed = coinJoin is { ExcludesCoSpend: true };
        var change = mixed ? [] : ChangeHeuristics.Evaluate(tx);
        var links = new List<ClusterLink>();
        var inputs = tx.DistinctInputAddresses();
        if (inputs.Count == 0 || (mixed && policy.ExcludeCoinJoins))
        {
            return new TxLinkPlan(coinJoin, change, links);
        }

        AddCoSpendLinks(inputs, txId, policy, links);

        if (policy.ChangeMergeConfidence is { } threshold && ChangeHeuristics.Best(change) is { } best && best.Confidence >= threshold)
        {
            var address = tx.Outputs.First(o => o.Index == best.OutputIndex).Address;
            if (address >= 0 && !inputs.Contains(address))
            {
                links.Add(new ClusterLink(inputs[0], address, txId, best.Heuristic, (byte)best.Confidence));
            }
        }

        return new TxLinkPlan(coinJoin, change, links);
    }

    /// <summary>
    /// Whether a transaction with <paramref name="outputs"/> outputs can be a CoinJoin that excludes co-spend: every
    /// such detector needs at least 3 outputs. Callers skip the detectors (and their allocations) when it cannot.
    /// </summary>
    public static bool MayBeCoinJoin(int outputs) => outputs >= 3;

    /// <summary>The co-spend links of distinct input addresses (first-seen order): the first to each other one.</summary>
    public static void AddCoSpendLinks(IReadOnlyList<int> distinctInputs, int txId, ClusteringPolicy policy, List<ClusterLink> links)
    {
        ArgumentNullException.ThrowIfNull(distinctInputs);
        ArgumentNullException.ThrowIfNull(policy);
        ArgumentNullException.ThrowIfNull(links);
        for (var i = 1; i < distinctInputs.Count; i++)
        {
            links.Add(new ClusterLink(distinctInputs[0], distinctInputs[i], txId, LinkHeuristic.CoSpend, (byte)policy.CoSpendConfidence));
        }
    }
}
