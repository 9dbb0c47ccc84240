using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Clustering.Views;
using ChainTrace.Core.Labels;

namespace ChainTrace.Core.Clustering;

/// <summary>Questions about the stored clusters. Null answers mean "not in the read model" (unknown address or cluster id).</summary>
/// <remarks>Also the labels' <see cref="IClusterOfAddress"/>: a label on a cluster reaches its addresses through it.</remarks>
public interface IClusterQueries : IClusterOfAddress
{
    Task<ClusterSummary?> GetClusterAsync(Chain chain, long id, CancellationToken cancellationToken);

    Task<ClusterPage<Address>?> GetAddressesAsync(Chain chain, long id, long after, int limit, CancellationToken cancellationToken);

    Task<ClusterPage<ClusterLinkView>?> GetLinksAsync(Chain chain, long id, long after, int limit, CancellationToken cancellationToken);

    /// <summary>The heuristics' view of the Bitcoin transaction at <paramref name="position"/> of the block at <paramref name="height"/>; null when the read model lacks it.</summary>
    Task<TxHeuristicsView?> GetTxHeuristicsAsync(long height, int position, CancellationToken cancellationToken);
}
