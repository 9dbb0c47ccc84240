using ChainTrace.Index.Utxo;

namespace ChainTrace.Risk.Exposure;

/// <summary>
/// What appended blocks can change (the incremental half of issue 13 item 1). A transaction's forward mix depends only
/// on earlier transactions, so the incoming exposure of old coins never changes: only the receivers of new outputs, and
/// holders of old dust outputs a new transaction spends (no longer discounted), have new incoming exposure. Backward, a
/// new transaction changes where the coins it spends went, which changes the mix of the transactions that created
/// them, and so on up to <c>Hops - 1</c> levels: their inputs' addresses have new outgoing exposure. Labels, clusters
/// and the options are assumed unchanged (a change there needs a full pass).
/// </summary>
public static class ExposureImpact
{
    /// <summary>The addresses whose exposure can differ after the transactions from <paramref name="firstNewTx"/> on were appended.</summary>
    public static HashSet<int> Affected(UtxoIndex index, int firstNewTx, ExposureOptions options)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(options);
        var affected = new HashSet<int>();
        var fresh = new HashSet<int>();
        for (var tx = firstNewTx; tx < index.TxCount; tx++)
        {
            fresh.Add(tx);
            var (outStart, outCount) = index.Outputs(tx);
            for (var o = outStart; o < outStart + outCount; o++)
            {
                if (index.Output(o).Address >= 0)
                {
                    affected.Add(index.Output(o).Address);
                }
            }

            var (inStart, inCount) = index.Inputs(tx);
            for (var i = inStart; i < inStart + inCount; i++)
            {
                var spent = index.Input(i).SpentOutput;
                if (spent >= 0 && index.Output(spent).Value < options.DustThreshold && index.Output(spent).Address >= 0)
                {
                    affected.Add(index.Output(spent).Address);
                }
            }
        }

        foreach (var tx in Closure(index, fresh, options.Hops - 1, upstream: true))
        {
            var (inStart, inCount) = index.Inputs(tx);
            for (var i = inStart; i < inStart + inCount; i++)
            {
                if (index.Input(i).Address >= 0)
                {
                    affected.Add(index.Input(i).Address);
                }
            }
        }

        return affected;
    }

    /// <summary>
    /// <paramref name="start"/> and the transactions up to <paramref name="levels"/> steps from them, upstream (the
    /// transactions whose coins they spend) or downstream (the ones spending their coins), in transaction order.
    /// </summary>
    public static int[] Closure(UtxoIndex index, IEnumerable<int> start, int levels, bool upstream)
    {
        ArgumentNullException.ThrowIfNull(index);
        var seen = new HashSet<int>(start);
        var frontier = seen.ToList();
        for (var level = 0; level < levels && frontier.Count > 0; level++)
        {
            var next = new List<int>();
            foreach (var tx in frontier)
            {
                var (start2, count) = upstream ? index.Inputs(tx) : index.Outputs(tx);
                for (var j = start2; j < start2 + count; j++)
                {
                    var other = upstream
                        ? index.Input(j).SpentOutput is var spent and >= 0 ? index.TxOfOutput(spent) : -1
                        : index.SpentBy(j);
                    if (other >= 0 && seen.Add(other))
                    {
                        next.Add(other);
                    }
                }
            }

            frontier = next;
        }

        var result = seen.ToArray();
        Array.Sort(result);
        return result;
    }
}
