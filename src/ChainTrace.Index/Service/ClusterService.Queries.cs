using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Clustering;
using ChainTrace.Core.Clustering.Views;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Queries;

namespace ChainTrace.Index.Service;

public sealed partial class ClusterService
{
    public async Task<long?> GetClusterIdAsync(Address address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        return await ReadAsync(address.Chain, open =>
        {
            var id = open.Find(address.Key);
            return id >= 0 && id < open.AddressCount ? open.Clusters.Forest.Find(id) : (long?)null;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ClusterSummary?> GetClusterAsync(Chain chain, long id, CancellationToken cancellationToken) =>
        await ReadAsync(chain, open => Root(open, id) is { } root ? Summarize(chain, open, root, id) : null, cancellationToken).ConfigureAwait(false);

    public async Task<ClusterPage<Address>?> GetAddressesAsync(Chain chain, long id, long after, int limit, CancellationToken cancellationToken)
    {
        var network = chain == Chain.Btc ? await progress.GetNetworkAsync(Chain.Btc, cancellationToken).ConfigureAwait(false) ?? Network.Main : Network.Main;
        return await ReadAsync(chain, open =>
        {
            if (Root(open, id) is not { } root)
            {
                return null;
            }

            var members = open.Members.AsSpan(open.MemberStart[root], open.MemberStart[root + 1] - open.MemberStart[root]);
            var start = after < 0 ? 0 : (int)Math.Min(after + 1, members.Length);
            var items = new List<Address>();
            for (var i = start; i < members.Length && items.Count < limit; i++)
            {
                items.Add(ToAddress(chain, open.Key(members[i]), network));
            }

            long? next = start + items.Count < members.Length ? start + items.Count - 1 : null;
            return new ClusterPage<Address>(items, next);
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<ClusterPage<ClusterLinkView>?> GetLinksAsync(Chain chain, long id, long after, int limit, CancellationToken cancellationToken)
    {
        var network = chain == Chain.Btc ? await progress.GetNetworkAsync(Chain.Btc, cancellationToken).ConfigureAwait(false) ?? Network.Main : Network.Main;
        var page = await ReadAsync(chain, open =>
        {
            if (Root(open, id) is not { } root)
            {
                return (LinkScan?)null;
            }

            var links = open.LinksOf(root);
            var items = new List<(long Sequence, ClusterLink Link)>();
            long? next = null;
            for (var i = FirstAfter(links, after); i < links.Length; i++)
            {
                if (items.Count == limit)
                {
                    next = items[^1].Sequence;
                    break;
                }

                items.Add((links[i], open.Clusters.Link(links[i])));
            }

            return new LinkScan(open, items, next);
        }, cancellationToken).ConfigureAwait(false);
        if (page is not { } found)
        {
            return null;
        }

        var views = new List<ClusterLinkView>();
        foreach (var (sequence, link) in found.Items)
        {
            var tx = chain == Chain.Btc ? await TxIdAsync(found.Open, link.Tx, cancellationToken).ConfigureAwait(false) : EthTx(found.Open, link.Tx);
            views.Add(new ClusterLinkView(sequence, link.Heuristic.ToCode(), ToAddress(chain, found.Open.Key(link.A), network), ToAddress(chain, found.Open.Key(link.B), network), tx, link.Confidence));
        }

        return new ClusterPage<ClusterLinkView>(views, found.Next);
    }

    public async Task<TxHeuristicsView?> GetTxHeuristicsAsync(long height, int position, CancellationToken cancellationToken) =>
        await ReadAsync(Chain.Btc, open =>
        {
            var index = open.Utxo!;
            var block = index.FindBlock(height);
            if (block < 0)
            {
                return null;
            }

            var tx = index.Block(block).FirstTx + position;
            var end = block + 1 < index.BlockCount ? index.Block(block + 1).FirstTx : index.TxCount;
            if (position < 0 || tx >= end)
            {
                return null;
            }

            var facts = index.Facts(tx);
            var coinJoin = facts.IsCoinbase ? null : CoinJoinDetectors.Detect(facts);
            var change = coinJoin is { ExcludesCoSpend: true } ? null : ChangeHeuristics.Best(ChangeHeuristics.Evaluate(facts));
            return new TxHeuristicsView(coinJoin, change);
        }, cancellationToken).ConfigureAwait(false);

    private async Task<T?> ReadAsync<T>(Chain chain, Func<ChainClusters, T?> read, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Get(chain) is { } open ? read(open) : default;
        }
        finally
        {
            _lock.Release();
        }
    }

    private static int? Root(ChainClusters open, long id) =>
        id >= 0 && id < open.AddressCount ? open.Clusters.Forest.Find((int)id) : null;

    private async Task<string?> TxIdAsync(ChainClusters open, int tx, CancellationToken cancellationToken)
    {
        var index = open.Utxo!;
        if (tx < 0 || tx >= index.TxCount)
        {
            return null;
        }

        var block = index.Block(index.BlockOfTx(tx));
        return (await feed.GetTxIdAtAsync(block.Height, tx - block.FirstTx, cancellationToken).ConfigureAwait(false))?.ToString();
    }

    private static string? EthTx(ChainClusters open, int transfer) =>
        transfer >= 0 && transfer < open.Eth!.TransferCount && open.Eth.Transfer(transfer).Tx.ToHash() is { IsZero: false } hash ? "0x" + hash.ToString() : null;

    private static Address ToAddress(Chain chain, ReadOnlySpan<byte> key, Network network) =>
        chain == Chain.Btc ? BtcAddressKey.ToAddress(key, network) : EthAddress.FromBytes(key);

    private static ClusterSummary Summarize(Chain chain, ChainClusters open, int root, long requested)
    {
        var members = open.Members.AsSpan(open.MemberStart[root], open.MemberStart[root + 1] - open.MemberStart[root]);
        var evidence = new SortedDictionary<string, long>(StringComparer.Ordinal);
        var forest = open.Clusters.Forest;
        foreach (var i in open.LinksOf(root))
        {
            var code = open.Clusters.Link(i).Heuristic.ToCode();
            evidence[code] = evidence.GetValueOrDefault(code) + 1;
        }

        long pending = 0;
        for (long i = 0; i < open.Clusters.ReviewCount; i++)
        {
            var review = open.Clusters.Review(i);
            if (review.Approved == 0 && (forest.Find(review.ClusterA) == root || forest.Find(review.ClusterB) == root))
            {
                pending++;
            }
        }

        var totals = chain == Chain.Btc ? ClusterTotals.ForUtxo(open.Utxo!, members) : ClusterTotals.ForAccount(open.Eth!, forest, root);
        return new ClusterSummary(chain, root, requested, members.Length, totals.Received, totals.Sent, totals.First, totals.Last, totals.TxCount,
            evidence, pending, open.Clusters.State.Height);
    }

    /// <summary>The position of the first link sequence above <paramref name="after"/> (the page cursor) in an ascending list.</summary>
    private static int FirstAfter(ReadOnlySpan<int> links, long after)
    {
        int lo = 0, hi = links.Length;
        while (lo < hi)
        {
            var mid = (lo + hi) >>> 1;
            if (links[mid] <= after)
            {
                lo = mid + 1;
            }
            else
            {
                hi = mid;
            }
        }

        return lo;
    }

    private sealed record LinkScan(ChainClusters Open, List<(long Sequence, ClusterLink Link)> Items, long? Next);
}
