using System.Numerics;
using ChainTrace.Simulator.Ethereum;
using ChainTrace.Simulator.Randomness;
using ChainTrace.Simulator.Truth;
using ChainTrace.TestSupport;

namespace ChainTrace.Simulator.Tests.Taint;

/// <summary>
/// A tiny Ethereum world for hand-computed taint cases: one flagged source (A, a hacker), users, a contract that
/// pays on by internal calls, two exchanges and a fee recipient, all moved through the simulator's own ledger
/// (<see cref="EthEconomy.Send"/>: gas first, then the value, then each internal call).
/// </summary>
internal sealed class EthereumTaintLedger : IDisposable
{
    public static readonly BigInteger Ether = EthEconomy.Ether;
    private readonly TempDir _dir = new("eth-taint");
    private readonly TruthWriter _truth;

    public EthereumTaintLedger()
    {
        _truth = new TruthWriter(_dir.Path);
        Economy = new EthEconomy(new SimRandom(7), 7, _truth) { Taint = new EthTaintLedger(Book) };
        Economy.Miner = Account(_truth.NewEntity("validator", EntityCategories.Miner, labelled: false));
        A = _truth.NewEntity("A", EntityCategories.Hacker, labelled: false);
        Book.Flag(A, "hack");
        X = _truth.NewEntity("X", EntityCategories.Exchange, labelled: false);
        Y = _truth.NewEntity("Y", EntityCategories.Exchange, labelled: false);
    }

    public TaintBook Book { get; } = new();

    public EthEconomy Economy { get; }

    public Entity A { get; }

    public Entity X { get; }

    public Entity Y { get; }

    public EthAccount Account(Entity owner, BigInteger? genesis = null)
    {
        var account = Economy.NewAccount(owner, "eoa");
        if (genesis is { } g)
        {
            account.Fund(g);
        }

        return account;
    }

    public EthAccount User(BigInteger? genesis = null) => Account(_truth.NewEntity("user", EntityCategories.User, labelled: false), genesis);

    /// <summary>A transaction; with <paramref name="gasUsed"/> 0 it costs nothing, else the fee is gasUsed × its random price.</summary>
    public EthTx Send(EthAccount from, EthAccount to, BigInteger value, long gasUsed = 0, bool failed = false, params (EthAccount From, EthAccount To, BigInteger Value)[] calls) =>
        Economy.Send(from, to, value, "0x", gasUsed, failed, effects: tx =>
        {
            foreach (var (f, t, v) in calls)
            {
                tx.Calls.Add(new EthTraceCall(f, t, v, "0x"));
            }
        });

    public (BigInteger Fifo, BigInteger Haircut, BigInteger Poison) Reached(Entity exchange) => Book.Reached(A.FlaggedSource, exchange);

    public (BigInteger Fifo, BigInteger Haircut, BigInteger Poison) Outflow => Book.Outflow[A.FlaggedSource];

    public void Dispose()
    {
        _truth.Dispose();
        _dir.Dispose();
    }
}
