using ChainTrace.Core.Chains;
using ChainTrace.Core.Clustering;
using ChainTrace.Index.Account;

namespace ChainTrace.Index.Service;

public sealed partial class ClusterService
{
    /// <summary>
    /// Runs <paramref name="read"/> over the Ethereum read model and its deposit-heuristic cluster forest as this service
    /// holds them open (under its lock, like <see cref="ReadBitcoinAsync{T}"/>); default when Ethereum was never
    /// clustered. The forest can cover fewer addresses than the read model (addresses past its count are their own cluster).
    /// </summary>
    public async Task<T?> ReadEthereumAsync<T>(Func<EthIndex, ClusterForest, Task<T>> read, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(read);
        await _lock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return Get(Chain.Eth) is { Eth: { } index } open ? await read(index, open.Clusters.Forest).ConfigureAwait(false) : default;
        }
        finally
        {
            _lock.Release();
        }
    }
}
