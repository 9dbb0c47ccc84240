using ChainTrace.Core.Addresses;

namespace ChainTrace.Core.Labels;

/// <summary>
/// The one thing labels need from clustering: the current cluster of an address (after merges, the surviving
/// id), or null when the address is in no cluster. Clustering implements it; labels only read it.
/// </summary>
public interface IClusterOfAddress
{
    Task<long?> GetClusterIdAsync(Address address, CancellationToken cancellationToken);
}
