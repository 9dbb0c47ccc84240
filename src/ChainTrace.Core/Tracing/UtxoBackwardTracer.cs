using System.Diagnostics;

namespace ChainTrace.Core.Tracing;

/// <summary>
/// Backward trace over the UTXO graph: where the value the start received came from. Transactions are taken in
/// reverse block order; a transaction's traced outputs are attributed to its inputs by the model (haircut: in
/// proportion to input value, floored; FIFO: the outputs' value ranges laid over the inputs' in order; poison:
/// every input wholly). Value from an input the data does not hold, or newly mined, is counted as unspent-origin
/// (<see cref="TraceTotals.Unspent"/>).
/// </summary>
public static class UtxoBackwardTracer
{
    public static UtxoTraceRun Run(IUtxoFlowGraph graph, ITraceStops stops, TraceStart start, TaintModel model, TraceLimits limits)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(stops);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(limits);
        var run = new UtxoTraceRun();
        var demand = new Dictionary<int, (long Amount, int Hop)>();
        var queue = new PriorityQueue<int, int>();
        var queued = new HashSet<int>();
        void Demand(int output, long amount, int hop)
        {
            var tx = graph.TxOfOutput(output);
            if (!limits.InWindow(graph.Height(tx)))
            {
                run.Totals.CutByWindow += amount;
                return;
            }

            demand[output] = (demand.GetValueOrDefault(output).Amount + amount, hop);
            if (queued.Add(tx))
            {
                queue.Enqueue(tx, -tx);
            }
        }

        // Hop 0: the payments the start received (an edge each), whatever the data holds of their funding.
        void Receive(int output)
        {
            run.Totals.Traced += graph.Value(output);
            run.Edges.Add(new TraceEdge(graph.TxOfOutput(output), output, graph.Value(output), 0, StopKind.None));
            Demand(output, graph.Value(output), 0);
        }

        foreach (var address in start.Addresses)
        {
            foreach (var output in graph.OutputsOf(address))
            {
                Receive(output);
            }
        }

        if (start.Output >= 0)
        {
            Receive(start.Output);
        }

        var clock = Stopwatch.StartNew();
        while (queue.TryDequeue(out var tx, out _))
        {
            if (++run.TransactionsVisited % 256 == 0 && clock.Elapsed > limits.Budget)
            {
                run.CutShort = "time_budget";
                run.Totals.CutByTime += demand.Values.Sum(d => d.Amount);
                break;
            }

            Attribute(graph, stops, start, model, limits, run, demand, tx, Demand);
        }

        return run;
    }

    private static void Attribute(
        IUtxoFlowGraph graph, ITraceStops stops, TraceStart start, TaintModel model, TraceLimits limits, UtxoTraceRun run,
        Dictionary<int, (long Amount, int Hop)> demand, int tx, Action<int, long, int> next)
    {
        var (outStart, outCount) = graph.Outputs(tx);
        var ranges = new List<(long From, long To)>();
        long offset = 0, wanted = 0;
        var hop = int.MaxValue;
        for (var o = outStart; o < outStart + outCount; o++)
        {
            if (demand.Remove(o, out var d))
            {
                ranges.Add((offset, offset + d.Amount));
                wanted += d.Amount;
                hop = Math.Min(hop, d.Hop + 1);
            }

            offset += graph.Value(o);
        }

        var (inStart, inCount) = graph.Inputs(tx);
        var known = new List<(int Output, long From, long Value)>();
        long inSum = 0;
        for (var i = inStart; i < inStart + inCount; i++)
        {
            if (graph.SpentOutput(i) is var spent and >= 0)
            {
                known.Add((spent, inSum, graph.Value(spent)));
                inSum += graph.Value(spent);
            }
        }

        if (graph.IsCoinbase(tx) || inSum == 0)
        {
            run.Totals.Unspent += wanted;
            return;
        }

        var shares = new List<(int Output, long Amount)>();
        long attributed = 0;
        foreach (var (output, from, value) in known)
        {
            var share = model switch
            {
                TaintModel.Poison => value,
                TaintModel.Haircut => (long)((Int128)wanted * value / inSum),
                _ => ranges.Sum(r => Math.Max(0, Math.Min(r.To, from + value) - Math.Max(r.From, from))),
            };
            if (share > 0)
            {
                shares.Add((output, share));
                attributed += share;
            }
        }

        // Inputs the data lacks (or haircut's rounding) hold the rest: its origin is not in the data.
        run.Totals.Unspent += Math.Max(0, Math.Min(wanted, wanted - attributed));
        shares.Sort((a, b) => a.Amount != b.Amount ? b.Amount.CompareTo(a.Amount) : a.Output.CompareTo(b.Output));
        for (var s = 0; s < shares.Count; s++)
        {
            var (output, amount) = shares[s];
            var address = graph.Address(output);
            if (start.Addresses.Contains(address))
            {
                continue;
            }

            var stop = address >= 0 ? stops.Classify(address) : StopKind.None;
            run.Edges.Add(new TraceEdge(tx, output, amount, hop, stop));
            var totals = run.Totals;
            if (stop != StopKind.None)
            {
                totals.ReachedEndpoints += amount;
            }
            else if (s >= limits.Breadth)
            {
                totals.CutByBreadth += amount;
            }
            else if (amount < limits.MinAmount)
            {
                totals.BelowMinimum += amount;
            }
            else if (hop >= limits.Hops)
            {
                totals.CutByHops += amount;
            }
            else
            {
                next(output, amount, hop);
            }
        }
    }
}
