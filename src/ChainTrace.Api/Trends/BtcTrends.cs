using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.Index.Utxo;
using ChainTrace.Risk.Exposure;

namespace ChainTrace.Api.Trends;

/// <summary>
/// Bitcoin's trend table: direct payments only. A transaction output paid to an address of category C is value
/// reaching C on the UTC day of its block, unless one of the transaction's inputs spends from the same cluster (change
/// and moves inside an entity are not inflows). From a source category S it is the output's value times the share of
/// the transaction's known input value spent from addresses of category S, rounded down (the payer-share rule of the
/// neighbours API); "flagged" sources are the categories of severity high or severe. Value that passed through an
/// unlabelled hop first is not traced back to its source here (that is the exposure API's indirect share). Coinbase
/// outputs and inputs whose value the read model lacks count for no source.
/// </summary>
public static class BtcTrends
{
    public static TrendTable Build(UtxoIndex index, int[] roots, int[] categories, string fingerprint, string labelSet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(roots);
        ArgumentNullException.ThrowIfNull(categories);
        var k = ExposureCategories.All.Count;
        var flagged = Flagged();
        var table = new TrendTable(Chain.Btc, fingerprint, index.Tip?.Height ?? -1, labelSet, k, []);
        var fromSource = new long[k];
        var payers = new HashSet<int>();
        for (var b = 0; b < index.BlockCount; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var block = index.Block(b);
            var day = TrendTable.DayOf(block.Time);
            var end = b + 1 < index.BlockCount ? index.Block(b + 1).FirstTx : index.TxCount;
            for (var tx = block.FirstTx; tx < end; tx++)
            {
                Array.Clear(fromSource);
                payers.Clear();
                long known = 0, flaggedIn = 0;
                var (inStart, inCount) = index.Inputs(tx);
                for (var i = inStart; i < inStart + inCount; i++)
                {
                    var input = index.Input(i);
                    if (input.Address >= 0)
                    {
                        payers.Add(roots[input.Address]);
                    }

                    if (input.SpentOutput < 0)
                    {
                        continue;
                    }

                    var value = index.Output(input.SpentOutput).Value;
                    known += value;
                    var source = input.Address >= 0 ? categories[input.Address] : -1;
                    if (source >= 0)
                    {
                        fromSource[source] += value;
                        flaggedIn += flagged[source] ? value : 0;
                    }
                }

                var (outStart, outCount) = index.Outputs(tx);
                for (var o = outStart; o < outStart + outCount; o++)
                {
                    var output = index.Output(o);
                    var category = output.Address >= 0 ? categories[output.Address] : -1;
                    if (category < 0 || output.Value <= 0 || payers.Contains(roots[output.Address]))
                    {
                        continue;
                    }

                    var values = table.DayCells(day);
                    TrendTable.Add(values, TrendTable.Any(category), (UInt128)output.Value);
                    if (known <= 0)
                    {
                        continue;
                    }

                    TrendTable.Add(values, table.Flagged(category), Share(output.Value, flaggedIn, known));
                    for (var s = 0; s < k; s++)
                    {
                        if (fromSource[s] > 0)
                        {
                            TrendTable.Add(values, table.From(category, s), Share(output.Value, fromSource[s], known));
                        }
                    }
                }
            }
        }

        return table;
    }

    /// <summary>Per tracked category whether it is a flagged source (default severity high or severe).</summary>
    internal static bool[] Flagged() => ExposureCategories.All.Select(c => c.DefaultSeverity >= Severity.High).ToArray();

    private static UInt128 Share(long value, long part, long whole) => (UInt128)(long)((Int128)value * part / whole);
}
