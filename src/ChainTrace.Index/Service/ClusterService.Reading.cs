using ChainTrace.Core.Chains;
using ChainTrace.Core.Clustering;
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
    public async Task<T?> ReadBitcoinAsync<T>(Func<UtxoIndex, ClusterForest, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Get(Chain.Btc) is { Utxo: { } index } open ? await read(index, open.Clusters.Forest).ConfigureAwait(false) : default;
        }
        finally
        {
            _lock.Release();
        }
    }
}
