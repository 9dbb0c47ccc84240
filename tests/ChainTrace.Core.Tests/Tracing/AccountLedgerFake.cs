using System.Numerics;
using ChainTrace.Core.Tracing;
using ChainTrace.Core.Tracing.Account;

namespace ChainTrace.Core.Tests.Tracing;

/// <summary>A hand-written account ledger (our own port) for hand-computed cases: accounts are small ints, one transaction per line.</summary>
internal sealed class AccountLedgerFake : IAccountFlowGraph, ITraceStops
{
    public const int Issuance = 99;
    public static readonly BigInteger Ether = BigInteger.Pow(10, 18);
    private readonly List<AccountMovement> _movements = [];
    private int _txs;

    public HashSet<int> Exchanges { get; } = [];

    public int Count => _movements.Count;

    public AccountMovement Movement(int index) => _movements[index];

    public long Height(int tx) => tx;

    public StopKind Classify(int address) => Exchanges.Contains(address) ? StopKind.Endpoint : StopKind.None;

    /// <summary>A genesis-like allocation: value from issuance, as a dev chain's block 0 would show it.</summary>
    public void Fund(int account, BigInteger value) => Tx(null, (Issuance, account, value));

    /// <summary>One transaction: its fee (when given) first, then each movement in order.</summary>
    public void Tx(BigInteger? fee, params (int From, int To, BigInteger Value)[] movements)
    {
        var tx = _txs++;
        if (fee is { } f)
        {
            _movements.Add(new AccountMovement(movements[0].From, -1, f, tx));
        }

        foreach (var (from, to, value) in movements)
        {
            _movements.Add(new AccountMovement(from, to, value, tx));
        }
    }

    /// <summary>What reached <paramref name="exchange"/> under each model, tracing forward from account <paramref name="start"/>.</summary>
    public (BigInteger Fifo, BigInteger Haircut, BigInteger Poison) Reached(int start, int exchange, int hops = TraceLimits.MaxHops)
    {
        BigInteger Sum(TaintModel model) => Run(start, model, hops).Edges
            .Where(e => e.Stop == StopKind.Endpoint && _movements[e.Movement].To == exchange).Aggregate(BigInteger.Zero, (s, e) => s + e.Amount);
        return (Sum(TaintModel.Fifo), Sum(TaintModel.Haircut), Sum(TaintModel.Poison));
    }

    public AccountTraceRun Run(int start, TaintModel model, int hops = TraceLimits.MaxHops) =>
        AccountTracer.Run(this, this, new AccountTraceStart(new HashSet<int> { start }), model, TraceLimits.Default with { Hops = hops });
}
