using ChainTrace.Index.Utxo;
using ChainTrace.Risk.Exposure;

namespace ChainTrace.Risk.Model;

/// <summary>
/// Behavioural features per address from the read model: degrees, value statistics, activity span and rhythm,
/// round-value share, fan-in/fan-out, consolidation and peel-chain shape, time to spend, cluster size, CoinJoin-like
/// equal outputs, and exposure shares to high-severity categories. None of them is a label of the address itself:
/// exposure starts from the seeds handed in, and the caller removes an evaluated entity's own labels from those.
/// </summary>
public static class FeatureExtractor
{
    public static IReadOnlyList<string> Names { get; } =
    [
        "outputs_received", "inputs_spent", "log_received", "log_sent", "log_mean_received", "round_value_share",
        "active_blocks", "mean_block_gap", "mean_fan_in", "mean_fan_out", "mean_spend_inputs", "peel_share",
        "mean_blocks_to_spend", "unspent_share", "log_cluster_size", "equal_output_share", .. FeatureParts.IllicitShareNames,
    ];

    /// <summary>The features of every address, or of the <paramref name="only"/> ones (the other rows stay zero).</summary>
    public static FeatureTable Compute(UtxoIndex index, int[] roots, AddressExposures exposures, IEnumerable<int>? only = null)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(roots);
        ArgumentNullException.ThrowIfNull(exposures);
        var n = index.AddressCount;
        var table = new FeatureTable(n);
        var width = Names.Count;
        var clusterSize = FeatureParts.ClusterSizes(roots);

        var k = exposures.Categories;
        foreach (var a in only ?? Enumerable.Range(0, n))
        {
            int received = 0, spent = 0, round = 0, peel = 0, equal = 0;
            double fanIn = 0, fanOut = 0, spendInputs = 0, toSpend = 0;
            long first = long.MaxValue, last = long.MinValue;
            foreach (var o in index.OutputsOf(a))
            {
                received++;
                var value = index.Output(o).Value;
                round += value % 100_000 == 0 ? 1 : 0;
                var tx = index.TxOfOutput(o);
                var height = index.Block(index.BlockOfTx(tx)).Height;
                first = Math.Min(first, height);
                last = Math.Max(last, height);
                fanIn += index.Inputs(tx).Count;
                equal += HasEqualOutputs(index, tx) ? 1 : 0;
                var by = index.SpentBy(o);
                if (by >= 0)
                {
                    spent++;
                    var outCount = index.Outputs(by).Count;
                    fanOut += outCount;
                    spendInputs += index.Inputs(by).Count;
                    peel += outCount == 2 ? 1 : 0;
                    toSpend += index.Block(index.BlockOfTx(by)).Height - height;
                }
            }

            var row = table.Values.AsSpan(a * width, width);
            row[0] = received;
            row[1] = spent;
            row[2] = (float)Math.Log10(1 + exposures.Received[a]);
            row[3] = (float)Math.Log10(1 + exposures.Sent[a]);
            row[4] = received == 0 ? 0 : (float)Math.Log10(1 + (exposures.Received[a] / (double)received));
            row[5] = received == 0 ? 0 : (float)round / received;
            row[6] = received == 0 ? 0 : last - first + 1;
            row[7] = received <= 1 ? 0 : (float)(last - first) / (received - 1);
            row[8] = received == 0 ? 0 : (float)(fanIn / received);
            row[9] = spent == 0 ? 0 : (float)(fanOut / spent);
            row[10] = spent == 0 ? 0 : (float)(spendInputs / spent);
            row[11] = spent == 0 ? 0 : (float)peel / spent;
            row[12] = spent == 0 ? -1 : (float)(toSpend / spent);
            row[13] = received == 0 ? 0 : (float)(received - spent) / received;
            row[14] = (float)Math.Log10(clusterSize[roots[a]]);
            row[15] = received == 0 ? 0 : (float)equal / received;
            FeatureParts.WriteIllicitShares(row, 16, exposures.Amounts[a], k, exposures.Received[a], exposures.Sent[a]);
        }

        return table;
    }

    /// <summary>Three or more outputs of one value: a CoinJoin-like transaction.</summary>
    private static bool HasEqualOutputs(UtxoIndex index, int tx)
    {
        var (start, count) = index.Outputs(tx);
        if (count < 3 || count > 400)
        {
            return false;
        }

        var seen = new Dictionary<long, int>();
        for (var o = start; o < start + count; o++)
        {
            var v = index.Output(o).Value;
            var c = seen.GetValueOrDefault(v) + 1;
            if (c >= 3)
            {
                return true;
            }

            seen[v] = c;
        }

        return false;
    }
}
