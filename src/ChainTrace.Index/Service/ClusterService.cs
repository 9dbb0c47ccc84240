using ChainTrace.Core.Chains;
using ChainTrace.Core.Clustering;
using ChainTrace.Core.Ports;
using ChainTrace.Index.Account;
using ChainTrace.Index.Clustering;
using ChainTrace.Index.Utxo;

namespace ChainTrace.Index.Service;

/// <summary>
/// The read models and clusters of a data directory: brings them up to the store (<see cref="UpdateAsync"/>),
/// holds the guard's reviews, and answers cluster questions (<see cref="IClusterQueries"/>). One instance per
/// process; a change written by another process (a CLI run beside <c>serve</c>) is picked up on the next question.
/// </summary>
public sealed partial class ClusterService(string dataDirectory, IStoredBlockFeed feed, IChainProgressStore progress, ClusteringPolicy policy)
    : IClusterQueries, IDisposable
{
    private readonly ReadModelPaths _paths = new(dataDirectory);
    private readonly SemaphoreSlim _lock = new(1, 1);
    private readonly Dictionary<Chain, ChainClusters> _open = [];

    public ClusteringPolicy Policy => policy;

    public EthDepositOptions EthOptions { get; init; } = new();

    public ReadModelPaths Paths => _paths;

    /// <summary>
    /// Extends the chain's read model from the store (incrementally on both chains) and its clusters from the read model
    /// (incrementally on both: Ethereum from the deposit heuristic's persisted per-address state).
    /// </summary>
    public async Task<ClusterUpdateSummary> UpdateAsync(Chain chain, IProgress<ClusterProgress>? report, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Close(chain);
            if (chain == Chain.Btc)
            {
                var clock = System.Diagnostics.Stopwatch.StartNew();
                using var index = UtxoIndex.Open(_paths.Btc, feed);
                var opened = clock.Elapsed.TotalSeconds;
                var (_, cut) = await UtxoIndexUpdater.UpdateAsync(index, feed, progress, cancellationToken, report).ConfigureAwait(false);
                var extended = clock.Elapsed.TotalSeconds;
                using var store = ClusterStore.Open(_paths.BtcClusters);
                var summary = UtxoClusterer.Update(index, store, policy, report);
                var stages = FormattableString.Invariant(
                    $"open {opened:F2} s, read model {extended - opened:F2} s (appending {index.AppendSeconds:F2} s, flushing {index.FlushSeconds:F2} s, the rest reading the store), clusters {clock.Elapsed.TotalSeconds - extended:F2} s");
                return summary with { BlocksRolledBack = Math.Max(cut, summary.BlocksRolledBack), Stages = stages };
            }

            var (eth, ethCut) = await EthIndex.UpdateAsync(_paths.Eth, feed, progress, cancellationToken).ConfigureAwait(false);
            using (eth)
            {
                using var ethStore = ClusterStore.Open(_paths.EthClusters);
                return EthClusterer.Update(eth, ethStore, EthOptions) with { BlocksRolledBack = ethCut };
            }
        }
        finally
        {
            _lock.Release();
        }
    }

    public async Task<IReadOnlyList<Core.Clustering.Views.ClusterReviewView>> GetReviewsAsync(CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            var list = new List<Core.Clustering.Views.ClusterReviewView>();
            if (Get(Chain.Btc) is { } btc)
            {
                for (long i = 0; i < btc.Clusters.ReviewCount; i++)
                {
                    var r = btc.Clusters.Review(i);
                    list.Add(new(Chain.Btc, i, await TxIdAsync(btc, r.Tx, cancellationToken).ConfigureAwait(false), r.ClusterA, r.SizeA, r.ClusterB, r.SizeB, r.Links, r.Approved != 0));
                }
            }

            return list;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>Applies review <paramref name="id"/>'s held-back links; false when there is no such review.</summary>
    public async Task<bool> ApproveAsync(long id, CancellationToken cancellationToken)
    {
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            Close(Chain.Btc);
            using var index = UtxoIndex.Open(_paths.Btc, feed);
            using var store = ClusterStore.Open(_paths.BtcClusters);
            if (id < 0 || id >= store.ReviewCount)
            {
                return false;
            }

            UtxoClusterer.Approve(index, store, policy, id);
            return true;
        }
        finally
        {
            _lock.Release();
        }
    }

    /// <summary>The digest of a chain's clusters (every address's cluster id, links, reviews).</summary>
    public string Digest(Chain chain)
    {
        _lock.Wait();
        try
        {
            Close(chain);
            using var store = ClusterStore.Open(chain == Chain.Btc ? _paths.BtcClusters : _paths.EthClusters);
            return store.Digest();
        }
        finally
        {
            _lock.Release();
        }
    }

    public void Dispose()
    {
        foreach (var chain in _open.Keys.ToList())
        {
            Close(chain);
        }

        _lock.Dispose();
    }

    /// <summary>The chain's opened state, reopened when another process committed since; null when never clustered.</summary>
    private ChainClusters? Get(Chain chain)
    {
        var clusterDir = chain == Chain.Btc ? _paths.BtcClusters : _paths.EthClusters;
        var statePath = Path.Combine(clusterDir, "state.json");
        if (!File.Exists(statePath))
        {
            return null;
        }

        var written = File.GetLastWriteTimeUtc(statePath);
        if (_open.TryGetValue(chain, out var open) && open.StateWritten == written)
        {
            return open;
        }

        Close(chain);
        var store = ClusterStore.Open(clusterDir);
        var opened = chain == Chain.Btc
            ? new ChainClusters(UtxoIndex.Open(_paths.Btc, feed), null, store) { StateWritten = written }
            : new ChainClusters(null, EthIndex.Open(_paths.Eth), store) { StateWritten = written };
        _open[chain] = opened;
        return opened;
    }

    private void Close(Chain chain)
    {
        if (_open.Remove(chain, out var open))
        {
            open.Dispose();
        }
    }
}
