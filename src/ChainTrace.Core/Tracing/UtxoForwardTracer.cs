using System.Diagnostics;

namespace ChainTrace.Core.Tracing;

/// <summary>
/// Forward trace over the UTXO graph: transactions are taken in block order (a min-heap of transaction ids), so
/// every tainted input of a transaction is known before it is spread, and the amounts equal a ledger that
/// follows the whole chain. Coins paid to a start address are wholly traced value (hop 0); what the start's
/// transactions pay elsewhere is the traced outflow. Value arriving at an endpoint or a supercluster is counted
/// there and leaves the trace.
/// </summary>
public static class UtxoForwardTracer
{
    private const int ClockEvery = 256;

    public static UtxoTraceRun Run(IUtxoFlowGraph graph, ITraceStops stops, TraceStart start, TaintModel model, TraceLimits limits)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(stops);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(limits);
        var run = new UtxoTraceRun();
        var state = new Dictionary<int, OutputTaint>();
        var queue = new PriorityQueue<int, int>();
        var queued = new HashSet<int>();
        void Enqueue(int tx)
        {
            if (queued.Add(tx))
            {
                queue.Enqueue(tx, tx);
            }
        }

        void Seed(int output)
        {
            if (graph.SpentBy(output) is var spender and >= 0 && limits.InWindow(graph, spender))
            {
                state[output] = OutputTaint.Full(graph.Value(output), 0);
                Enqueue(spender);
            }
        }

        foreach (var address in start.Addresses)
        {
            foreach (var output in graph.OutputsOf(address))
            {
                Seed(output);
            }
        }

        if (start.Output >= 0)
        {
            Seed(start.Output);
        }

        var clock = Stopwatch.StartNew();
        var inputs = new List<(long Value, OutputTaint? Taint)>();
        var outputs = new List<long>();
        while (queue.TryDequeue(out var tx, out _))
        {
            if (++run.TransactionsVisited % ClockEvery == 0 && clock.Elapsed > limits.Budget)
            {
                run.CutShort = "time_budget";
                break;
            }

            Spread(graph, stops, start, model, limits, run, state, tx, inputs, outputs, Enqueue);
        }

        foreach (var (output, taint) in state)
        {
            if (!start.Addresses.Contains(graph.Address(output)) && output != start.Output)
            {
                run.Totals.CutByTime += taint.Amount;
            }
        }

        return run;
    }

    private static void Spread(
        IUtxoFlowGraph graph, ITraceStops stops, TraceStart start, TaintModel model, TraceLimits limits, UtxoTraceRun run,
        Dictionary<int, OutputTaint> state, int tx, List<(long, OutputTaint?)> inputs, List<long> outputs, Action<int> enqueue)
    {
        inputs.Clear();
        outputs.Clear();
        var (inStart, inCount) = graph.Inputs(tx);
        var hop = int.MaxValue;
        var fromStart = false;
        long taintIn = 0;
        for (var i = inStart; i < inStart + inCount; i++)
        {
            var spent = graph.SpentOutput(i);
            if (spent < 0)
            {
                continue;
            }

            state.Remove(spent, out var taint);
            inputs.Add((graph.Value(spent), taint));
            if (taint is not null)
            {
                hop = Math.Min(hop, taint.Hop + 1);
                fromStart |= taint.Hop == 0;
                taintIn += taint.Amount;
            }
        }

        if (hop == int.MaxValue)
        {
            return;
        }

        var (outStart, outCount) = graph.Outputs(tx);
        for (var o = outStart; o < outStart + outCount; o++)
        {
            outputs.Add(graph.Value(o));
        }

        var spread = TaintSpread.Apply(model, inputs, outputs, hop);
        long taintOut = 0;
        var follow = new List<(int Output, OutputTaint Taint)>();
        for (var k = 0; k < outCount; k++)
        {
            var output = outStart + k;
            var address = graph.Address(output);
            if (start.Addresses.Contains(address))
            {
                // Back at the start: wholly the start's again (the simulator's "a flagged entity's coins are wholly its taint").
                if (graph.SpentBy(output) is var again and >= 0 && limits.InWindow(graph, again))
                {
                    state[output] = OutputTaint.Full(graph.Value(output), 0);
                    enqueue(again);
                }

                taintOut += spread[k]?.Amount ?? 0;
                continue;
            }

            if (spread[k] is not { } taint)
            {
                continue;
            }

            taintOut += taint.Amount;
            if (fromStart)
            {
                run.Totals.Traced += taint.Amount;
            }

            var stop = address >= 0 ? stops.Classify(address) : StopKind.None;
            if (stop != StopKind.None)
            {
                run.Edges.Add(new TraceEdge(tx, output, taint.Amount, hop, stop));
                run.Totals.ReachedEndpoints += taint.Amount;
                continue;
            }

            follow.Add((output, taint));
        }

        if (!fromStart)
        {
            run.Totals.Fees += Math.Max(0, taintIn - taintOut);
        }

        // Breadth: the largest flows are followed (ties by output order), the rest is reported as cut.
        follow.Sort((a, b) => a.Taint.Amount != b.Taint.Amount ? b.Taint.Amount.CompareTo(a.Taint.Amount) : a.Output.CompareTo(b.Output));
        for (var f = 0; f < follow.Count; f++)
        {
            var (output, taint) = follow[f];
            run.Edges.Add(new TraceEdge(tx, output, taint.Amount, hop, StopKind.None));
            var spender = graph.SpentBy(output);
            var totals = run.Totals;
            if (f >= limits.Breadth)
            {
                totals.CutByBreadth += taint.Amount;
            }
            else if (taint.Amount < limits.MinAmount)
            {
                totals.BelowMinimum += taint.Amount;
            }
            else if (spender < 0)
            {
                totals.Unspent += taint.Amount;
            }
            else if (hop >= limits.Hops)
            {
                totals.CutByHops += taint.Amount;
            }
            else if (!limits.InWindow(graph, spender))
            {
                totals.CutByWindow += taint.Amount;
            }
            else
            {
                state[output] = taint;
                enqueue(spender);
            }
        }
    }
}
