namespace ChainTrace.Core.Tracing.Account;

/// <summary>
/// The paths by which value moved from one set of accounts to another within N hops on an account ledger: a
/// forward poison walk (<see cref="AccountTracer"/>) that stops at the targets, then every chain of movements from
/// the start to a target read back through the senders (a hop's sender received the previous hop earlier in
/// ledger order), at most <c>maxPaths</c>, shortest first. Each hop carries the movement's whole value.
/// </summary>
public static class AccountConnectionSearch
{
    public static List<IReadOnlyList<AccountTraceEdge>> Find(IAccountFlowGraph graph, IReadOnlySet<int> from, IReadOnlySet<int> to, int hops, int maxPaths, TimeSpan budget)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(to);
        var run = AccountTracer.Run(graph, new Targets(to), new AccountTraceStart(from), TaintModel.Poison, new TraceLimits(hops, int.MaxValue, 0, null, null, budget));
        var into = new Dictionary<int, List<AccountTraceEdge>>();
        foreach (var edge in run.Edges.Where(e => e.Stop == StopKind.None))
        {
            var receiver = graph.Movement(edge.Movement).To;
            (into.TryGetValue(receiver, out var list) ? list : into[receiver] = []).Add(edge);
        }

        var paths = new List<IReadOnlyList<AccountTraceEdge>>();
        var stack = new List<AccountTraceEdge>();
        void Back(AccountTraceEdge edge)
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
                foreach (var previous in into.GetValueOrDefault(graph.Movement(edge.Movement).From) ?? [])
                {
                    if (previous.Hop == edge.Hop - 1 && previous.Movement < edge.Movement)
                    {
                        Back(previous);
                    }
                }
            }

            stack.RemoveAt(stack.Count - 1);
        }

        foreach (var target in run.Edges.Where(e => e.Stop != StopKind.None).OrderBy(e => e.Hop).ThenBy(e => e.Movement))
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
