using ChainTrace.Core.Clustering;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Queries;
using ChainTrace.Index.Account;
using ChainTrace.Index.Utxo;

namespace ChainTrace.Index.Service;

/// <summary>Totals over a cluster's members, walked in the read model: received, sent, transactions, first and last activity.</summary>
internal sealed record ClusterTotals(UInt256 Received, UInt256 Sent, long TxCount, SeenAt? First, SeenAt? Last)
{
    public static ClusterTotals ForUtxo(UtxoIndex index, ReadOnlySpan<int> members)
    {
        long received = 0, sent = 0;
        var txs = new HashSet<int>();
        foreach (var address in members)
        {
            if (address >= index.AddressCount)
            {
                continue;
            }

            foreach (var output in index.OutputsOf(address))
            {
                var value = index.Output(output).Value;
                received += value;
                txs.Add(index.TxOfOutput(output));
                if (index.SpentBy(output) is var spender and >= 0)
                {
                    sent += value;
                    txs.Add(spender);
                }
            }
        }

        SeenAt? first = null, last = null;
        if (txs.Count > 0)
        {
            first = Seen(index, index.BlockOfTx(txs.Min()));
            last = Seen(index, index.BlockOfTx(txs.Max()));
        }

        return new ClusterTotals((ulong)received, (ulong)sent, txs.Count, first, last);
    }

    public static ClusterTotals ForAccount(EthIndex index, ClusterForest forest, int root)
    {
        UInt128 received = 0, sent = 0;
        var txs = new HashSet<Hash32>();
        long? first = null, last = null;
        for (long i = 0; i < index.TransferCount; i++)
        {
            var t = index.Transfer(i);
            var inFrom = t.From < forest.Count && forest.Find(t.From) == root;
            var inTo = t.To < forest.Count && forest.Find(t.To) == root;
            if (!inFrom && !inTo)
            {
                continue;
            }

            if (t.Asset == 0)
            {
                received += inTo ? t.Value : 0;
                sent += inFrom ? t.Value : 0;
            }

            txs.Add(t.Tx.ToHash());
            first ??= t.Height;
            last = t.Height;
        }

        return new ClusterTotals(UInt256.FromBigInteger(received), UInt256.FromBigInteger(sent), txs.Count,
            first is { } f ? new SeenAt(f, DateTimeOffset.UnixEpoch) : null, last is { } l ? new SeenAt(l, DateTimeOffset.UnixEpoch) : null);
    }

    private static SeenAt Seen(UtxoIndex index, int block)
    {
        var b = index.Block(block);
        return new SeenAt(b.Height, DateTimeOffset.FromUnixTimeSeconds(b.Time));
    }
}
