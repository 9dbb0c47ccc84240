using ChainTrace.Core.Tracing;
using ChainTrace.Index.Service;

namespace ChainTrace.Index.Tracing;

/// <summary>
/// The stops of an Ethereum trace in the ledger's ids: addresses labelled in a stop category, members of clusters
/// so labelled, and superclusters (through <see cref="TraceStops"/>), with the labels that name each endpoint.
/// </summary>
internal sealed class EthStops : ITraceStops
{
    private readonly TraceStops _stops;
    private readonly ChainClusters _open;
    private readonly HashSet<int> _addresses;
    private readonly HashSet<int> _clusters;
    private readonly Dictionary<int, List<string>> _labelsOfAddress = [];
    private readonly Dictionary<int, List<string>> _labelsOfCluster = [];
    private readonly Dictionary<int, string> _categoryOf = [];

    private EthStops(ChainClusters open, HashSet<int> addresses, HashSet<int> clusters, int threshold)
    {
        _open = open;
        _addresses = addresses;
        _clusters = clusters;
        _stops = new TraceStops(open.Clusters.Forest, addresses, clusters, threshold);
    }

    /// <param name="exclude">The start's addresses: never a stop of their own trace.</param>
    /// <param name="extra">More stop addresses (the evaluation's other flagged sources).</param>
    public static EthStops Build(ChainClusters open, EthLedger ledger, TraceStopLabels labels, IReadOnlySet<int> exclude, int threshold, IEnumerable<int>? extra = null)
    {
        var stops = new EthStops(open, [], [], threshold);
        foreach (var (key, label) in labels.ByAddress)
        {
            var id = ledger.Find(Core.Addresses.EthAddress.FromBytes(key));
            if (id >= 0 && !exclude.Contains(id))
            {
                stops._addresses.Add(id);
                (stops._labelsOfAddress.TryGetValue(id, out var list) ? list : stops._labelsOfAddress[id] = []).Add(label.Text);
                stops._categoryOf.TryAdd(id, label.Category.Id);
            }
        }

        var forest = open.Clusters.Forest;
        foreach (var (cluster, label) in labels.ByCluster)
        {
            if (cluster >= 0 && cluster < forest.Count)
            {
                var root = forest.Find((int)cluster);
                stops._clusters.Add(root);
                (stops._labelsOfCluster.TryGetValue(root, out var list) ? list : stops._labelsOfCluster[root] = []).Add(label.Text);
                stops._categoryOf.TryAdd(-1 - root, label.Category.Id);
            }
        }

        foreach (var id in extra ?? [])
        {
            if (!exclude.Contains(id))
            {
                stops._addresses.Add(id);
            }
        }

        return stops;
    }

    public StopKind Classify(int address) => address < 0 ? StopKind.None : _stops.Classify(address);

    /// <summary>The entity an endpoint edge reached: the address, or <c>cluster:&lt;id&gt;</c> when the label is on its cluster.</summary>
    public (string Entity, string? Category, List<string> Labels) Entity(int address, StopKind stop, string name)
    {
        var forest = _open.Clusters.Forest;
        var root = address < forest.Count ? forest.Find(address) : -1;
        var byCluster = stop == StopKind.Supercluster || (root >= 0 && _clusters.Contains(root) && !_addresses.Contains(address));
        var labels = (byCluster ? _labelsOfCluster.GetValueOrDefault(root) : _labelsOfAddress.GetValueOrDefault(address)) ?? [];
        var category = byCluster ? _categoryOf.GetValueOrDefault(-1 - root) : _categoryOf.GetValueOrDefault(address);
        return (byCluster ? $"cluster:{root}" : name, category, labels.Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList());
    }
}
