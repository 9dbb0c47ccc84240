using ChainTrace.Core.Chains;
using ChainTrace.Core.Clustering;
using ChainTrace.Index.Account;
using ChainTrace.Index.Utxo;

namespace ChainTrace.Index.Service;

public sealed partial class ClusterService
{
    /// <summary>
    /// Runs <paramref name="read"/> over the Bitcoin read model and its cluster forest as this service holds them
    /// open (under its lock; reopened when another process committed since), so a reader in the serving process never
    /// opens, grows or trims the mapped files beside it; default when never clustered. The forest can cover fewer
    /// addresses than the read model (addresses past its count are their own cluster).
    /// </summary>
    public Task<T?> ReadBitcoinAsync<T>(Func<UtxoIndex, ClusterForest, Task<T>> read, CancellationToken cancellationToken) =>
        ReadAsync(Chain.Btc, open => open.Utxo, read, cancellationToken);

    /// <summary>
    /// The same over the Ethereum read model and its deposit-heuristic cluster forest; default when Ethereum was
    /// never clustered.
    /// </summary>
    public Task<T?> ReadEthereumAsync<T>(Func<EthIndex, ClusterForest, Task<T>> read, CancellationToken cancellationToken) =>
        ReadAsync(Chain.Eth, open => open.Eth, read, cancellationToken);

    private async Task<T?> ReadAsync<TIndex, T>(Chain chain, Func<ChainClusters, TIndex?> model, Func<TIndex, ClusterForest, Task<T>> read, CancellationToken cancellationToken)
        where TIndex : class
    {
        ArgumentNullException.ThrowIfNull(read);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Get(chain) is { } open && model(open) is { } index ? await read(index, open.Clusters.Forest).ConfigureAwait(false) : default;
        }
        finally
        {
            _lock.Release();
        }
    }
}
