using System.Numerics;
using ChainTrace.Core.Tracing;
using ChainTrace.Core.Tracing.Account;

namespace ChainTrace.Core.Tests.Tracing;

/// <summary>
/// The account-ledger tracer on the simulator's hand-computed ether cases (tests/ChainTrace.Simulator.Tests/Taint/
/// EthereumTaintTests: the same movements give the same FIFO, haircut and poison amounts), plus what only a
/// trace has: value held before the data, hop limits, backward traces.
/// </summary>
public sealed class AccountTracerTests
{
    private const int A = 0, User = 1, X = 2, Y = 3, First = 4, Second = 5;
    private static readonly BigInteger Ether = AccountLedgerFake.Ether;

    private static AccountLedgerFake Ledger()
    {
        var ledger = new AccountLedgerFake();
        ledger.Exchanges.UnionWith([X, Y]);
        return ledger;
    }

    [Fact]
    public void GasIsPaidFirst_FromTheFrontOfTheQueue_ThenTheValue()
    {
        var w = Ledger();
        w.Fund(A, 20 * Ether);
        w.Fund(User, 10 * Ether);
        BigInteger f = 21_000L * 37_000_000_000L;
        w.Tx(null, (A, User, 5 * Ether));
        w.Tx(f, (User, X, 12 * Ether));

        var feeHaircut = 5 * Ether * f / (15 * Ether);
        var valueHaircut = (5 * Ether - feeHaircut) * 12 * Ether / (15 * Ether - f);
        Assert.Equal((2 * Ether + f, valueHaircut, 12 * Ether), w.Reached(A, X));
        var haircut = w.Run(A, TaintModel.Haircut);
        Assert.Equal(feeHaircut, haircut.Totals.Fees);
        Assert.Equal(5 * Ether, haircut.Totals.Traced);
        Assert.Equal(haircut.Totals.Traced, haircut.Totals.ReachedEndpoints + haircut.Totals.Fees + haircut.Totals.Unspent);
    }

    [Fact]
    public void InternalCalls_PayOnFromTheContractsQueue_InCallOrder()
    {
        var w = Ledger();
        const int splitter = 6;
        w.Fund(A, 10 * Ether);
        w.Fund(splitter, Ether);
        var half = 15 * Ether / 10;
        w.Tx(null, (A, splitter, 3 * Ether), (splitter, First, half), (splitter, Second, half));
        w.Tx(null, (First, X, half));
        w.Tx(null, (Second, Y, half));

        var haircut = 1125 * Ether / 1000;
        Assert.Equal((Ether / 2, haircut, half), w.Reached(A, X));
        Assert.Equal((half, haircut, half), w.Reached(A, Y));
    }

    [Fact]
    public void PartialSpends_OfAMixedBalance_SplitTheModels_AndPoisonNeverWashesOut()
    {
        var w = Ledger();
        w.Fund(A, 10 * Ether);
        w.Fund(User, 100 * Ether);
        w.Tx(null, (A, User, Ether));
        w.Tx(null, (User, X, 50 * Ether));
        w.Tx(null, (User, Y, 51 * Ether));

        var toX = Ether * 50 * Ether / (101 * Ether);
        Assert.Equal(495_049_504_950_495_049, (long)toX);
        Assert.Equal((0, toX, 50 * Ether), w.Reached(A, X));
        Assert.Equal((Ether, Ether - toX, 51 * Ether), w.Reached(A, Y));
    }

    [Fact]
    public void ValueHeldBeforeTheData_IsTheShortfall_AndClean()
    {
        // No allocation shows what the user held: it pays 3 ether having been seen to receive A's 1, so 2 clean
        // ether were there before the data. FIFO and haircut both carry A's 1 to X; poison all 3.
        var w = Ledger();
        w.Tx(null, (A, User, Ether));
        w.Tx(null, (User, X, 3 * Ether));

        Assert.Equal((Ether, Ether, 3 * Ether), w.Reached(A, X));
        Assert.Equal(Ether, w.Run(A, TaintModel.Fifo).Totals.Traced);
    }

    [Fact]
    public void HopLimit_StopsFollowing_AndCountsWhatItCut()
    {
        var w = Ledger();
        w.Fund(A, 10 * Ether);
        w.Tx(null, (A, User, 4 * Ether));
        w.Tx(null, (User, First, 4 * Ether));
        w.Tx(null, (First, X, 4 * Ether));

        Assert.Equal(4 * Ether, w.Reached(A, X, hops: 3).Haircut);
        var cut = w.Run(A, TaintModel.Haircut, hops: 2);
        Assert.DoesNotContain(cut.Edges, e => e.Stop != StopKind.None);
        Assert.Equal(4 * Ether, cut.Totals.CutByHops);
        Assert.Equal(2, cut.Edges.Max(e => e.Hop));
    }

    [Fact]
    public void Backward_FindsWhereTheStartsEtherCameFrom()
    {
        // X (an exchange) and Y pay the user, who pays A: backward from A, both are origins, each with its share.
        var w = Ledger();
        w.Tx(null, (X, User, 3 * Ether));
        w.Tx(null, (Y, User, Ether));
        w.Tx(null, (User, A, 4 * Ether));

        var reversed = new ReversedAccountFlowGraph(w);
        var run = AccountTracer.Run(reversed, w, new AccountTraceStart(new HashSet<int> { A }), TaintModel.Haircut, TraceLimits.Default);
        var reached = run.Edges.Where(e => e.Stop == StopKind.Endpoint).ToDictionary(e => reversed.Movement(e.Movement).To, e => e.Amount);
        Assert.Equal(3 * Ether, reached[X]);
        Assert.Equal(Ether, reached[Y]);
        Assert.All(run.Edges.Where(e => e.Stop != StopKind.None), e => Assert.Equal(2, e.Hop));
    }
}
