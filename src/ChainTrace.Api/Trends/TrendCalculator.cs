using ChainTrace.Core.Labels;
using ChainTrace.Index.Service;
using ChainTrace.Index.Utxo;
using ChainTrace.Risk;
using ChainTrace.Risk.Exposure;

namespace ChainTrace.Api.Trends;

/// <summary>
/// The value reaching each category per UTC day, from the Bitcoin read model and the labels. An address's category
/// is the one risk seeds from (<see cref="LabelSeeds"/>: the strongest tracked label of the address, its cluster, or
/// a cluster-defining label of a fellow member). A transaction output paid to an address of category C is value
/// reaching C on the UTC day of its block, unless one of the transaction's inputs spends from the same cluster (change
/// and moves inside an entity are not inflows). From a source category S it is the output's value times the share of
/// the transaction's known input value spent from addresses of category S, rounded down (the payer-share rule of the
/// neighbours API); "flagged" sources are the categories of severity high or severe. Coinbase outputs and inputs whose
/// value the read model lacks count for no source. The table is rebuilt when the data height, the cluster state or
/// the label set changes.
/// </summary>
public sealed class TrendCalculator(ClusterService clusters, ILabelStore labels) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private TrendTable? _table;

    /// <summary>The table at the current data height and label set; null until clustering has built the Bitcoin read model.</summary>
    public async Task<TrendTable?> GetAsync(CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var labelSet = await labels.GetLabelSetVersionAsync(cancellationToken).ConfigureAwait(false);
            return await clusters.ReadBitcoinAsync(async (index, forest) =>
            {
                var fingerprint = $"{index.Tip?.Height}:{index.Tip?.BlockHash}:{index.TxCount}:{forest.Count}:{labelSet}";
                if (_table?.Fingerprint != fingerprint)
                {
                    var roots = RiskRefresh.Roots(index, forest);
                    var seeds = await LabelSeeds.LoadAsync(labels, index, roots, cancellationToken).ConfigureAwait(false);
                    _table = Build(index, roots, seeds.Categories, fingerprint, labelSet, cancellationToken);
                }

                return _table;
            }, cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private static TrendTable Build(UtxoIndex index, int[] roots, int[] categories, string fingerprint, string labelSet, CancellationToken cancellationToken)
    {
        var k = ExposureCategories.All.Count;
        var flagged = ExposureCategories.All.Select(c => c.DefaultSeverity >= Severity.High).ToArray();
        var table = new TrendTable(fingerprint, index.Tip?.Height ?? -1, labelSet, k, []);
        var fromSource = new long[k];
        var payers = new HashSet<int>();
        for (var b = 0; b < index.BlockCount; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var block = index.Block(b);
            var day = DateOnly.FromDateTime(DateTimeOffset.FromUnixTimeSeconds(block.Time).UtcDateTime).DayNumber;
            long[]? values = null;
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

                    if (values is null && !table.Days.TryGetValue(day, out values))
                    {
                        values = new long[table.Width];
                        table.Days[day] = values;
                    }

                    values[TrendTable.Any(category)] += output.Value;
                    if (known <= 0)
                    {
                        continue;
                    }

                    values[table.Flagged(category)] += Share(output.Value, flaggedIn, known);
                    for (var s = 0; s < k; s++)
                    {
                        if (fromSource[s] > 0)
                        {
                            values[table.From(category, s)] += Share(output.Value, fromSource[s], known);
                        }
                    }
                }
            }
        }

        return table;
    }

    private static long Share(long value, long part, long whole) => (long)((Int128)value * part / whole);
}
