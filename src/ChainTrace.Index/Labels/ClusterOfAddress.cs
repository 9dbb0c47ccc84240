using ChainTrace.Core.Addresses;
using ChainTrace.Core.Clustering;
using ChainTrace.Core.Labels;

namespace ChainTrace.Index.Labels;

/// <summary>Labels' view of clustering: the current cluster of an address, as the cluster queries answer it.</summary>
public sealed class ClusterOfAddress(IClusterQueries clusters) : IClusterOfAddress
{
    public Task<long?> GetClusterIdAsync(Address address, CancellationToken cancellationToken) =>
        clusters.GetClusterIdAsync(address, cancellationToken);
}
