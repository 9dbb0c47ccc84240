using ChainTrace.Core.Addresses;
using ChainTrace.Core.Queries;
using ChainTrace.Index.Service;
using ChainTrace.Index.Utxo;

namespace ChainTrace.Api.Neighbours;

/// <summary>
/// When a Bitcoin address dealt with each neighbour, and how many neighbours it has in all, from the read model:
/// direction in, the payers of the transactions paying the address; out, the addresses paid by the transactions
/// spending its outputs (the neighbours API's two sets). Over all of the address's transactions, not one page; null
/// when clustering has not built the read model or the address is not in it yet. A scan costs the address's
/// transactions, so each answer is kept in <paramref name="cache"/> until the read model moves (the graph view
/// expands the same address again and again).
/// </summary>
public sealed class NeighbourActivity(ClusterService? clusters, NeighbourTimesCache cache)
{
    public NeighbourActivity(ClusterService? clusters)
        : this(clusters, new NeighbourTimesCache(NeighbourTimesCache.DefaultCapacity))
    {
    }

    public async Task<NeighbourTimes?> OfAsync(BtcAddress address, FlowDirection direction, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        return clusters is null ? null : await clusters.ReadBitcoinAsync((index, _) =>
        {
            var fingerprint = $"{index.Tip?.Height}:{index.Tip?.BlockHash}:{index.TxCount}";
            var key = Convert.ToHexString(address.Key);
            if (!cache.TryGet(fingerprint, key, direction, out var times))
            {
                times = Of(index, address, direction);
                cache.Add(fingerprint, key, direction, times);
            }

            return Task.FromResult(times);
        }, cancellationToken).ConfigureAwait(false);
    }

    private static NeighbourTimes? Of(UtxoIndex index, BtcAddress address, FlowDirection direction)
    {
        var self = index.FindAddress(address.Key);
        if (self < 0)
        {
            return null;
        }

        var spans = new Dictionary<int, (int First, int Last)>();
        var seen = new HashSet<int>();
        foreach (var output in index.OutputsOf(self))
        {
            var tx = direction == FlowDirection.In ? index.TxOfOutput(output) : index.SpentBy(output);
            if (tx < 0 || !seen.Add(tx))
            {
                continue;
            }

            var block = index.BlockOfTx(tx);
            var (start, count) = direction == FlowDirection.In ? index.Inputs(tx) : index.Outputs(tx);
            for (var i = start; i < start + count; i++)
            {
                var other = direction == FlowDirection.In ? index.Input(i).Address : index.Output(i).Address;
                if (other < 0 || other == self)
                {
                    continue;
                }

                spans[other] = spans.TryGetValue(other, out var span) ? (Math.Min(span.First, block), Math.Max(span.Last, block)) : (block, block);
            }
        }

        // Keys come from the graph store: looked up together (one scan when there are many).
        var keys = index.KeysOf(spans.Keys);
        var byKey = new Dictionary<string, NeighbourSpan>(spans.Count, StringComparer.Ordinal);
        foreach (var (other, (first, last)) in spans)
        {
            byKey[Convert.ToHexString(keys[other])] = new NeighbourSpan(Seen(index.Block(first)), Seen(index.Block(last)));
        }

        return new NeighbourTimes(spans.Count, byKey);
    }

    private static (long Height, DateTimeOffset Time) Seen(IndexBlock block) => (block.Height, DateTimeOffset.FromUnixTimeSeconds(block.Time));
}

/// <param name="Total">Distinct neighbours in that direction over all the address's transactions.</param>
/// <param name="ByKey">Neighbour address key (hex) → its first and last block with the address.</param>
public sealed record NeighbourTimes(int Total, IReadOnlyDictionary<string, NeighbourSpan> ByKey)
{
    public NeighbourSpan? Find(Address address) => ByKey.GetValueOrDefault(Convert.ToHexString(address.Key));
}

public sealed record NeighbourSpan((long Height, DateTimeOffset Time) First, (long Height, DateTimeOffset Time) Last);
