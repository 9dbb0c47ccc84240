using System.Diagnostics;
using System.Numerics;

namespace ChainTrace.Core.Tracing.Account;

/// <summary>
/// Trace over an account ledger (Ethereum, one asset), by the rules of the simulator's <c>EthTaintLedger</c>:
/// every movement is applied in ledger order (gas fee, value, internal calls), and an account's traced part
/// follows the model — FIFO: its balance is a queue of segments in arrival order and a payment takes from the
/// front; haircut: a payment of v out of balance B carries floor(traced × v / B); poison: once reached, every
/// payment is wholly traced. The start's accounts hold only traced value; value arriving back there is theirs
/// again. Value reaching an endpoint or a supercluster is counted there and not followed; a gas fee's traced
/// part is counted under fees. Balances come from the movements themselves: an account that pays more than the
/// data shows it received held the difference before the data began (clean, oldest). Backward traces run the
/// same rules over <see cref="ReversedAccountFlowGraph"/>. Breadth: a transaction with more movements than
/// <see cref="TraceLimits.Breadth"/> has its traced movements followed only for the largest that many (ties: ledger
/// order); their receivers are credited when the transaction ends, the rest is counted under "cut by breadth" and
/// arrives as clean value.
/// </summary>
public static class AccountTracer
{
    private const int ClockEvery = 1024;

    public static AccountTraceRun Run(IAccountFlowGraph graph, ITraceStops stops, AccountTraceStart start, TaintModel model, TraceLimits limits)
    {
        ArgumentNullException.ThrowIfNull(graph);
        ArgumentNullException.ThrowIfNull(stops);
        ArgumentNullException.ThrowIfNull(start);
        ArgumentNullException.ThrowIfNull(limits);
        var run = new AccountTraceRun();
        var balances = new Dictionary<int, BigInteger>();
        var state = new Dictionary<int, AccountTaint>();
        var clock = Stopwatch.StartNew();
        var first = start.Movement >= 0 ? start.Movement : 0;
        var group = new TxGroup();
        for (var i = first; i < graph.Count; i++)
        {
            group.Enter(graph, i, limits.Breadth, model, run, balances, state);
            if (++run.MovementsVisited % ClockEvery == 0 && clock.Elapsed > limits.Budget)
            {
                run.CutShort = "time_budget";
                break;
            }

            var m = graph.Movement(i);
            if (m.Value.IsZero || m.From == m.To)
            {
                continue;
            }

            Apply(graph, stops, start, model, limits, run, balances, state, i, m, group);
        }

        group.Flush(model, run, balances, state);

        foreach (var (_, taint) in state)
        {
            if (run.CutShort is null)
            {
                run.Totals.Unspent += taint.Amount;
            }
            else
            {
                run.Totals.CutByTime += taint.Amount;
            }
        }

        return run;
    }

    private static void Apply(
        IAccountFlowGraph graph, ITraceStops stops, AccountTraceStart start, TaintModel model, TraceLimits limits, AccountTraceRun run,
        Dictionary<int, BigInteger> balances, Dictionary<int, AccountTaint> state, int index, AccountMovement m, TxGroup group)
    {
        var (from, to, value) = (m.From, m.To, m.Value);
        var held = balances.GetValueOrDefault(from);
        if (held < value)
        {
            // Paid more than the data shows it received: the rest was there before the data (clean, and oldest).
            state.GetValueOrDefault(from)?.AddUnseen(value - held);
            held = value;
        }

        balances[from] = held - value;
        var before = to >= 0 ? balances.GetValueOrDefault(to) : 0;
        if (to >= 0)
        {
            balances[to] = before + value;
        }

        var fromStart = start.Addresses.Contains(from) || index == start.Movement;
        BigInteger traced;
        List<(bool, BigInteger)>? segments = null;
        int hop;
        if (fromStart)
        {
            if (to >= 0 && start.Addresses.Contains(to))
            {
                return;
            }

            (traced, hop) = (value, 1);
            segments = [(true, value)];
        }
        else if (state.TryGetValue(from, out var source))
        {
            (traced, segments) = source.Take(value);
            hop = source.Hop + 1;
            if (source.IsClean)
            {
                state.Remove(from);
            }
        }
        else
        {
            state.GetValueOrDefault(to)?.Credit(value, 0);
            return;
        }

        if (traced.IsZero)
        {
            Credit(state, model, to, before, value, 0, segments, hop, clean: true);
            return;
        }

        var totals = run.Totals;
        if (fromStart)
        {
            totals.Traced += traced;
        }

        if (to < 0)
        {
            totals.Fees += traced;
            return;
        }

        if (start.Addresses.Contains(to))
        {
            return;
        }

        var height = m.Tx >= 0 ? graph.Height(m.Tx) : -1;
        var stop = stops.Classify(to);
        if (!limits.InWindow(height))
        {
            totals.CutByWindow += traced;
        }
        else if (hop > limits.Hops)
        {
            totals.CutByHops += traced;
        }
        else if (stop != StopKind.None)
        {
            run.Edges.Add(new AccountTraceEdge(index, traced, hop, stop));
            totals.ReachedEndpoints += traced;
            return;
        }
        else if (traced < limits.MinAmount)
        {
            totals.BelowMinimum += traced;
        }
        else if (group.Defers)
        {
            group.Defer(new Followed(index, to, value, traced, segments, hop));
            return;
        }
        else
        {
            run.Edges.Add(new AccountTraceEdge(index, traced, hop, StopKind.None));
            Credit(state, model, to, before, value, traced, segments, hop, clean: false);
            return;
        }

        // Not followed: the receiver gets it as clean value.
        Credit(state, model, to, before, value, 0, null, hop, clean: true);
    }

    internal static void Credit(
        Dictionary<int, AccountTaint> state, TaintModel model, int to, BigInteger before, BigInteger value, BigInteger traced,
        List<(bool, BigInteger)>? segments, int hop, bool clean)
    {
        if (to < 0)
        {
            return;
        }

        if (clean)
        {
            state.GetValueOrDefault(to)?.Credit(value, 0);
            return;
        }

        if (!state.TryGetValue(to, out var target))
        {
            state[to] = target = new AccountTaint(model, before, hop);
        }

        target.Hop = Math.Min(target.Hop, hop);
        if (model == TaintModel.Fifo && segments is not null)
        {
            target.CreditSegments(segments);
        }
        else
        {
            target.Credit(value, traced);
        }
    }

    /// <summary>A traced movement to be followed once its (over-broad) transaction ends.</summary>
    internal sealed record Followed(int Index, int To, BigInteger Value, BigInteger Traced, List<(bool, BigInteger)>? Segments, int Hop);
}
