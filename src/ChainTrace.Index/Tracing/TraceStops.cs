using ChainTrace.Core.Clustering;
using ChainTrace.Core.Tracing;

namespace ChainTrace.Index.Tracing;

/// <summary>Endpoints (labelled addresses, and every member of a labelled cluster) and superclusters, by dense address id.</summary>
internal sealed class TraceStops(ClusterForest forest, IReadOnlySet<int> addresses, IReadOnlySet<int> clusters, int superclusterThreshold) : ITraceStops
{
    public StopKind Classify(int address)
    {
        if (addresses.Contains(address))
        {
            return StopKind.Endpoint;
        }

        if (address >= forest.Count)
        {
            return StopKind.None;
        }

        var root = forest.Find(address);
        return clusters.Contains(root) ? StopKind.Endpoint
            : forest.SizeOf(root) > superclusterThreshold ? StopKind.Supercluster
            : StopKind.None;
    }
}
