using ChainTrace.Core.Clustering;
using ChainTrace.Core.Tracing;
using ChainTrace.Index.Utxo;

namespace ChainTrace.Index.Tracing;

/// <summary>The tracing ports over an opened read model, for callers that drive Core's tracers themselves (benchmarks, rules that trace).</summary>
public static class TraceGraphs
{
    public static IUtxoFlowGraph Over(UtxoIndex index) => new UtxoFlowGraph(index);

    /// <summary>Stops at <paramref name="addresses"/>, at members of <paramref name="clusters"/> (root ids), and at clusters above <paramref name="superclusterThreshold"/>.</summary>
    public static ITraceStops Stops(ClusterForest forest, IReadOnlySet<int> addresses, IReadOnlySet<int> clusters, int superclusterThreshold) =>
        new TraceStops(forest, addresses, clusters, superclusterThreshold);
}
