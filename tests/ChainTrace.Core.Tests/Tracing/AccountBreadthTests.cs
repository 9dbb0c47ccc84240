using System.Numerics;
using ChainTrace.Core.Tracing;
using ChainTrace.Core.Tracing.Account;

namespace ChainTrace.Core.Tests.Tracing;

/// <summary>The breadth limit on an account ledger: a transaction's largest traced movements are followed, not its first ones.</summary>
public sealed class AccountBreadthTests
{
    private const int A = 0, X = 2, Small = 10, Large = 11, Middle = 12, Second = 13;
    private static readonly BigInteger Ether = AccountLedgerFake.Ether;

    [Theory]
    [InlineData(TaintModel.Poison)]
    [InlineData(TaintModel.Haircut)]
    [InlineData(TaintModel.Fifo)]
    public void AWideTransaction_FollowsItsLargestFlows_AndCutsTheRest(TaintModel model)
    {
        var w = new AccountLedgerFake();
        w.Exchanges.Add(X);
        w.Fund(A, 10 * Ether);
        // One batch payout: the smallest comes first in the ledger, the largest second.
        w.Tx(null, (A, Small, Ether), (A, Large, 4 * Ether), (A, Middle, 2 * Ether), (A, Second, 3 * Ether));
        foreach (var receiver in new[] { Small, Large, Middle, Second })
        {
            w.Tx(null, (receiver, X, Ether / 2));
        }

        var run = AccountTracer.Run(w, w, new AccountTraceStart(new HashSet<int> { A }), model, TraceLimits.Default with { Breadth = 2 });

        var firstHop = run.Edges.Where(e => e.Hop == 1).ToList();
        Assert.Equal([Large, Second], firstHop.Select(e => w.Movement(e.Movement).To));
        Assert.Equal([4 * Ether, 3 * Ether], firstHop.Select(e => e.Amount));
        Assert.Equal(3 * Ether, run.Totals.CutByBreadth);
        // Only the followed receivers carry traced value on to the exchange.
        Assert.Equal([Large, Second], run.Edges.Where(e => e.Stop == StopKind.Endpoint).Select(e => w.Movement(e.Movement).From));
        Assert.Equal(Ether, run.Totals.ReachedEndpoints);
        Assert.Equal(run.Totals.Traced, run.Totals.ReachedEndpoints + run.Totals.Fees + run.Totals.Unspent + run.Totals.CutByLimits);
    }

    [Fact]
    public void ANarrowTransaction_FollowsEveryFlow()
    {
        var w = new AccountLedgerFake();
        w.Fund(A, 10 * Ether);
        w.Tx(null, (A, Small, Ether), (A, Large, 4 * Ether));

        var run = AccountTracer.Run(w, w, new AccountTraceStart(new HashSet<int> { A }), TaintModel.Poison, TraceLimits.Default with { Breadth = 2 });

        Assert.Equal([Small, Large], run.Edges.Select(e => w.Movement(e.Movement).To));
        Assert.Equal(BigInteger.Zero, run.Totals.CutByBreadth);
    }
}
