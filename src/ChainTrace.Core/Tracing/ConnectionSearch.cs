namespace ChainTrace.Core.Tracing;

/// <summary>
/// The paths by which value moved from one set of addresses to another within N hops: a forward poison walk
/// that stops at the targets, then every chain of edges from the start to a target read back through the
/// spending links (at most <c>maxPaths</c>, shortest first). Each hop carries the output's value.
/// </summary>
public static class ConnectionSearch
{
    public static List<IReadOnlyList<TraceEdge>> Find(IUtxoFlowGraph graph, TraceStart from, IReadOnlySet<int> to, int hops, int maxPaths, TimeSpan budget)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(to);
        var run = UtxoForwardTracer.Run(graph, new Targets(to), from, TaintModel.Poison, new TraceLimits(hops, 1000, 0, null, null, budget));
        var intoTx = new Dictionary<int, List<TraceEdge>>();
        foreach (var edge in run.Edges.Where(e => e.Stop == StopKind.None))
        {
            if (graph.SpentBy(edge.Output) is var spender and >= 0)
            {
                (intoTx.TryGetValue(spender, out var list) ? list : intoTx[spender] = []).Add(edge);
            }
        }

        var paths = new List<IReadOnlyList<TraceEdge>>();
        var stack = new List<TraceEdge>();
        void Back(TraceEdge edge)
        {
            if (paths.Count >= maxPaths)
            {
                return;
            }

            stack.Add(edge);
            if (edge.Hop == 1)
            {
                paths.Add(Enumerable.Reverse(stack).ToList());
            }
            else
            {
                foreach (var previous in intoTx.GetValueOrDefault(edge.Tx) ?? [])
                {
                    if (previous.Hop == edge.Hop - 1)
                    {
                        Back(previous);
                    }
                }
            }

            stack.RemoveAt(stack.Count - 1);
        }

        foreach (var target in run.Edges.Where(e => e.Stop != StopKind.None).OrderBy(e => e.Hop).ThenBy(e => e.Tx).ThenBy(e => e.Output))
        {
            Back(target);
        }

        return paths;
    }

    private sealed class Targets(IReadOnlySet<int> to) : ITraceStops
    {
        public StopKind Classify(int address) => to.Contains(address) ? StopKind.Endpoint : StopKind.None;
    }
}
