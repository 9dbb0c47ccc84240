using ChainTrace.Core.Addresses;

namespace ChainTrace.Core.Labels;

/// <summary>
/// The labels of an address: those naming it (<see cref="LabelVia.Address"/>) and, when clustering is present,
/// those naming its cluster or defined for it by another address's cluster-defining label (<see cref="LabelVia.Cluster"/>).
/// Without a cluster port only the address's own labels are answered.
/// </summary>
public sealed class AddressLabelResolver(ILabelStore store, IClusterOfAddress? clusters = null)
{
    public async Task<AddressLabels> GetAsync(Address address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var own = await store.GetByAddressAsync(address, cancellationToken).ConfigureAwait(false);
        var result = own.Select(l => new AttributedLabel(l, LabelVia.Address, null)).ToList();
        var clusterId = clusters is null ? null : await clusters.GetClusterIdAsync(address, cancellationToken).ConfigureAwait(false);
        if (clusterId is { } id)
        {
            var seen = own.Select(l => l.Id).ToHashSet();
            foreach (var label in await store.GetByClusterAsync(address.Chain, id, cancellationToken).ConfigureAwait(false))
            {
                if (seen.Add(label.Id))
                {
                    result.Add(new AttributedLabel(label, LabelVia.Cluster, id));
                }
            }
        }

        return new AddressLabels(address, clusterId, result);
    }
}
