using System.Numerics;

namespace ChainTrace.Core.Tracing.Account;

/// <summary>
/// The transaction the tracer is in and, when it has more movements than the breadth, the traced movements it
/// defers: at its end the largest <c>breadth</c> are followed, the rest is cut by breadth and credited clean.
/// </summary>
internal sealed class TxGroup
{
    private readonly List<AccountTracer.Followed> _pending = [];
    private int _tx = int.MinValue;
    private int _end = -1;
    private int _breadth;

    public bool Defers { get; private set; }

    /// <summary>Called for every movement: when <paramref name="index"/> starts a new transaction, settle the last one and size the new one.</summary>
    public void Enter(IAccountFlowGraph graph, int index, int breadth, TaintModel model, AccountTraceRun run, Dictionary<int, BigInteger> balances, Dictionary<int, AccountTaint> state)
    {
        if (index < _end)
        {
            return;
        }

        Flush(model, run, balances, state);
        _tx = graph.Movement(index).Tx;
        _breadth = breadth;
        var payments = 0;
        for (_end = index; _end < graph.Count && graph.Movement(_end).Tx == _tx; _end++)
        {
            payments += graph.Movement(_end).IsFee ? 0 : 1;
        }

        Defers = payments > breadth;
    }

    public void Defer(AccountTracer.Followed followed) => _pending.Add(followed);

    public void Flush(TaintModel model, AccountTraceRun run, Dictionary<int, BigInteger> balances, Dictionary<int, AccountTaint> state)
    {
        if (_pending.Count == 0)
        {
            return;
        }

        // Value still owed to each receiver by pending movements: its balance already counts it, its clean part does not.
        var owed = new Dictionary<int, BigInteger>();
        foreach (var p in _pending)
        {
            owed[p.To] = owed.GetValueOrDefault(p.To) + p.Value;
        }

        var ranked = _pending.OrderByDescending(p => p.Traced).ThenBy(p => p.Index).ToList();
        var kept = ranked.Take(_breadth).OrderBy(p => p.Index).ToList();
        foreach (var p in kept)
        {
            run.Edges.Add(new AccountTraceEdge(p.Index, p.Traced, p.Hop, StopKind.None));
            AccountTracer.Credit(state, model, p.To, balances.GetValueOrDefault(p.To) - owed[p.To], p.Value, p.Traced, p.Segments, p.Hop, clean: false);
            owed[p.To] -= p.Value;
        }

        foreach (var p in ranked.Skip(_breadth))
        {
            run.Totals.CutByBreadth += p.Traced;
            state.GetValueOrDefault(p.To)?.Credit(p.Value, 0);
        }

        _pending.Clear();
    }
}
