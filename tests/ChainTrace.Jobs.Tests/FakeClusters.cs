using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Clustering;
using ChainTrace.Core.Clustering.Views;

namespace ChainTrace.Jobs.Tests;

/// <summary>
/// Our own <see cref="IClusterQueries"/> port over a hand-built cluster map (address → id, id → members and links), the
/// answers a cluster update gives; an absorbed id answers with the survivor's members, as the read model does.
/// </summary>
internal sealed class FakeClusters : IClusterQueries
{
    public Dictionary<Address, long> ClusterOf { get; } = [];

    public Dictionary<long, long> Survivor { get; } = [];

    public List<ClusterLinkView> Links { get; } = [];

    public Task<long?> GetClusterIdAsync(Address address, CancellationToken cancellationToken) =>
        Task.FromResult(ClusterOf.TryGetValue(address, out var id) ? (long?)Resolve(id) : null);

    public Task<ClusterPage<Address>?> GetAddressesAsync(Chain chain, long id, long after, int limit, CancellationToken cancellationToken)
    {
        var survivor = Resolve(id);
        var members = ClusterOf.Where(kv => Resolve(kv.Value) == survivor).Select(kv => kv.Key).ToList();
        return Task.FromResult(members.Count == 0 ? null : new ClusterPage<Address>(members, null));
    }

    public Task<ClusterPage<ClusterLinkView>?> GetLinksAsync(Chain chain, long id, long after, int limit, CancellationToken cancellationToken)
    {
        var page = Links.Where(l => l.Sequence > after && GetClusterIdAsync(l.A, cancellationToken).Result == Resolve(id)).OrderBy(l => l.Sequence).Take(limit).ToList();
        return Task.FromResult<ClusterPage<ClusterLinkView>?>(new ClusterPage<ClusterLinkView>(page, page.Count == limit ? page[^1].Sequence : null));
    }

    public Task<ClusterSummary?> GetClusterAsync(Chain chain, long id, CancellationToken cancellationToken) => throw new NotSupportedException();

    public Task<TxHeuristicsView?> GetTxHeuristicsAsync(long height, int position, CancellationToken cancellationToken) => throw new NotSupportedException();

    private long Resolve(long id) => Survivor.TryGetValue(id, out var s) ? Resolve(s) : id;
}
