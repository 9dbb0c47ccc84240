using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;

namespace ChainTrace.Index.Service;

public sealed partial class ClusterService
{
    /// <summary>The block feed the read models are built from (tracing names transactions through it).</summary>
    internal IStoredBlockFeed Feed => feed;

    internal IChainProgressStore Progress => progress;

    /// <summary>Runs <paramref name="read"/> over the chain's opened read model and clusters, under the service's lock; default when never clustered.</summary>
    internal Task<T?> ReadModelAsync<T>(Chain chain, Func<ChainClusters, T?> read, CancellationToken cancellationToken) =>
        ReadAsync(chain, read, cancellationToken);
}
