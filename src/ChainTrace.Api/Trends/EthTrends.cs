using ChainTrace.Core.Chains;
using ChainTrace.Index.Account;
using ChainTrace.Risk.Exposure;

namespace ChainTrace.Api.Trends;

/// <summary>
/// Ethereum's trend table, native ether only (value transfers of transactions and internal calls; ERC-20 token
/// transfers are another asset and not counted). A transfer to an address of category C is value reaching C on the
/// UTC day of its block, unless its sender is in the receiver's cluster (the deposit heuristic puts an exchange's
/// deposit addresses in its hot wallet's cluster, so the sweep from a deposit address is not a second inflow). An
/// account transfer has one sender: from a source category S it is the whole value when the sender's category is S,
/// and "flagged" when S has severity high or severe. Direct transfers only, as on Bitcoin.
/// </summary>
public static class EthTrends
{
    public static TrendTable Build(EthIndex index, int[] roots, int[] categories, string fingerprint, string labelSet, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(roots);
        ArgumentNullException.ThrowIfNull(categories);
        var flagged = BtcTrends.Flagged();
        var table = new TrendTable(Chain.Eth, fingerprint, index.Height, labelSet, ExposureCategories.All.Count, []);
        for (var b = 0; b < index.BlockCount; b++)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var day = TrendTable.DayOf(index.BlockTime(b));
            for (var t = index.Block(b).FirstTransfer; t < index.EndOfBlock(b); t++)
            {
                var transfer = index.Transfer(t);
                var category = categories[transfer.To];
                if (transfer.Asset != 0 || category < 0 || transfer.Value == UInt128.Zero || roots[transfer.From] == roots[transfer.To])
                {
                    continue;
                }

                var values = table.DayCells(day);
                TrendTable.Add(values, TrendTable.Any(category), transfer.Value);
                if (categories[transfer.From] is var source and >= 0)
                {
                    TrendTable.Add(values, table.From(category, source), transfer.Value);
                    if (flagged[source])
                    {
                        TrendTable.Add(values, table.Flagged(category), transfer.Value);
                    }
                }
            }
        }

        return table;
    }
}
