using ChainTrace.Core.Chains;
using ChainTrace.Core.Clustering;
using ChainTrace.Core.Labels;
using ChainTrace.Index.Service;
using ChainTrace.Risk;
using ChainTrace.Risk.Exposure;

namespace ChainTrace.Api.Trends;

/// <summary>
/// The value reaching each category per UTC day, from a chain's read model, its clusters and the labels (rules in
/// <see cref="BtcTrends"/> and <see cref="EthTrends"/>). An address's category is the one risk seeds from
/// (<see cref="LabelSeeds"/>: the strongest tracked label of the address, its cluster, or a cluster-defining label of a
/// fellow member). A chain's table is rebuilt when its data height, its cluster state or the label set changes.
/// </summary>
public sealed class TrendCalculator(ClusterService clusters, ILabelStore labels) : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly Dictionary<Chain, TrendTable> _tables = [];

    /// <summary>The chain's table at the current data height and label set; null with the reason when there is none to compute from.</summary>
    public async Task<(TrendTable? Table, string? Missing)> GetAsync(Chain chain, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var labelSet = await labels.GetLabelSetVersionAsync(cancellationToken).ConfigureAwait(false);
            var found = chain == Chain.Btc ? await BitcoinAsync(labelSet, cancellationToken).ConfigureAwait(false) : await EthereumAsync(labelSet, cancellationToken).ConfigureAwait(false);
            return found ?? (null, $"trends are computed from the {chain.ToCode()} read model, which clustering builds (chaintrace cluster update --chain {chain.ToCode()})");
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();

    private Task<(TrendTable?, string?)?> BitcoinAsync(string labelSet, CancellationToken cancellationToken) =>
        clusters.ReadBitcoinAsync<(TrendTable?, string?)?>(async (index, forest) =>
        {
            var fingerprint = $"{index.Tip?.Height}:{index.Tip?.BlockHash}:{index.TxCount}:{forest.Count}:{ClusterCount(forest)}:{labelSet}";
            if (Cached(Chain.Btc, fingerprint) is not { } table)
            {
                var roots = RiskRefresh.Roots(index, forest);
                var seeds = await LabelSeeds.LoadAsync(labels, index, roots, cancellationToken).ConfigureAwait(false);
                table = _tables[Chain.Btc] = BtcTrends.Build(index, roots, seeds.Categories, fingerprint, labelSet, cancellationToken);
            }

            return (table, null);
        }, cancellationToken);

    private Task<(TrendTable?, string?)?> EthereumAsync(string labelSet, CancellationToken cancellationToken) =>
        clusters.ReadEthereumAsync<(TrendTable?, string?)?>(async (index, forest) =>
        {
            if (!index.HasBlockTimes)
            {
                return (null, "the Ethereum read model predates block times in it: run chaintrace cluster update --chain eth once to rebuild it");
            }

            var tip = index.BlockCount > 0 ? index.Block(index.BlockCount - 1).Hash.ToHash().ToString() : "";
            var fingerprint = $"{index.Height}:{tip}:{index.TransferCount}:{forest.Count}:{ClusterCount(forest)}:{labelSet}";
            if (Cached(Chain.Eth, fingerprint) is not { } table)
            {
                var roots = RiskRefresh.Roots(index.AddressCount, forest);
                var seeds = await LabelSeeds.LoadAsync(labels, index, roots, cancellationToken).ConfigureAwait(false);
                table = _tables[Chain.Eth] = EthTrends.Build(index, roots, seeds.Categories, fingerprint, labelSet, cancellationToken);
            }

            return (table, null);
        }, cancellationToken);

    /// <summary>The forest's number of clusters: an approved review merges two at the same data height, and must rebuild the table.</summary>
    private static int ClusterCount(ClusterForest forest)
    {
        var parents = forest.Parents;
        var count = 0;
        for (var a = 0; a < parents.Length; a++)
        {
            count += parents[a] == a ? 1 : 0;
        }

        return count;
    }

    private TrendTable? Cached(Chain chain, string fingerprint) =>
        _tables.TryGetValue(chain, out var table) && table.Fingerprint == fingerprint ? table : null;
}
