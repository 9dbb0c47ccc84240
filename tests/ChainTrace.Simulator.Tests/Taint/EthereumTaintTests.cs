using System.Numerics;

namespace ChainTrace.Simulator.Tests.Taint;

/// <summary>
/// The simulator's ether taint truth, case by case (amounts in wei; tuples are FIFO, haircut, poison). An
/// account's balance is a queue in arrival order that payments take from the front (FIFO); a payment of v out
/// of balance B carries floor(tainted × v / B) (haircut); an account any taint reached pays wholly tainted
/// ether from then on (poison). The gas fee moves first, then the value, then each internal call.
/// </summary>
public sealed class EthereumTaintTests
{
    private static readonly BigInteger Ether = EthereumTaintLedger.Ether;

    [Fact]
    public void GasIsPaidFirst_FromTheFrontOfTheQueue_ThenTheValue()
    {
        using var w = new EthereumTaintLedger();
        var a = w.Account(w.A, 20 * Ether);
        var user = w.User(10 * Ether);
        var x = w.Account(w.X);

        // The user holds [clean 10 | A 5]; it pays X 12 ether with a fee f: the fee takes clean f from the front,
        // the value the remaining clean 10 - f and then A 2 + f.
        w.Send(a, user, 5 * Ether);
        var tx = w.Send(user, x, 12 * Ether, gasUsed: 21_000);
        var f = tx.GasUsed * tx.GasPrice;
        Assert.True(f > 0);

        var feeHaircut = 5 * Ether * f / (15 * Ether);
        var valueHaircut = (5 * Ether - feeHaircut) * 12 * Ether / (15 * Ether - f);
        Assert.Equal((2 * Ether + f, valueHaircut, 12 * Ether), w.Reached(w.X));
        Assert.Equal((5 * Ether, 5 * Ether, 5 * Ether), w.Outflow);
    }

    [Fact]
    public void FailedTransaction_MovesOnlyItsGas_WhichTaintsTheFeeRecipient()
    {
        using var w = new EthereumTaintLedger();
        var a = w.Account(w.A, Ether);
        var x = w.Account(w.X);

        var tx = w.Send(a, x, Ether / 2, gasUsed: 50_000, failed: true);
        var f = tx.GasUsed * tx.GasPrice;
        Assert.Equal((0, 0, 0), w.Reached(w.X));
        Assert.Equal((f, f, f), w.Outflow);

        // The validator holds only A's fee and passes it on to X.
        w.Send(w.Economy.Miner, x, f);
        Assert.Equal((f, f, f), w.Reached(w.X));
    }

    [Fact]
    public void InternalCalls_PayOnFromTheContractsQueue_InCallOrder()
    {
        using var w = new EthereumTaintLedger();
        var a = w.Account(w.A, 10 * Ether);
        var splitter = w.User(Ether);
        var first = w.User();
        var second = w.User();
        var x = w.Account(w.X);
        var y = w.Account(w.Y);
        var half = 15 * Ether / 10;

        // The contract holds [clean 1 | A 3] once the value arrives; the first call takes clean 1 + A 0.5, the
        // second A 1.5. Haircut: 3 of 4 is A's, so the first call carries 1.125; the second 1.875 × 1.5 / 2.5
        // = 1.125 of what is left.
        w.Send(a, splitter, 3 * Ether, calls: [(splitter, first, half), (splitter, second, half)]);
        w.Send(first, x, half);
        w.Send(second, y, half);

        var haircut = 1125 * Ether / 1000;
        Assert.Equal((Ether / 2, haircut, half), w.Reached(w.X));
        Assert.Equal((half, haircut, half), w.Reached(w.Y));
        Assert.Equal((3 * Ether, 3 * Ether, 3 * Ether), w.Outflow);
    }

    [Fact]
    public void PartialSpends_OfAMixedBalance_SplitTheModels_AndPoisonNeverWashesOut()
    {
        using var w = new EthereumTaintLedger();
        var a = w.Account(w.A, 10 * Ether);
        var user = w.User(100 * Ether);
        var x = w.Account(w.X);
        var y = w.Account(w.Y);

        // [clean 100 | A 1] -> X 50: FIFO clean; haircut floor(1 × 50 / 101) ether; poison all 50.
        // The rest, 51 -> Y: FIFO clean 50 + A 1; haircut whatever A's share had left; poison all 51.
        w.Send(a, user, Ether);
        w.Send(user, x, 50 * Ether);
        w.Send(user, y, 51 * Ether);

        var toX = Ether * 50 * Ether / (101 * Ether);
        Assert.Equal(495_049_504_950_495_049, (long)toX);
        Assert.Equal((0, toX, 50 * Ether), w.Reached(w.X));
        Assert.Equal((Ether, Ether - toX, 51 * Ether), w.Reached(w.Y));
    }

    [Fact]
    public void DepositForwardedByAnExchange_IsCountedOnce_OnArrival()
    {
        using var w = new EthereumTaintLedger();
        var a = w.Account(w.A, 10 * Ether);
        var deposit = w.Account(w.X);
        var hot = w.Account(w.X, 100 * Ether);
        var withdrawal = w.User();
        var y = w.Account(w.Y);

        w.Send(a, deposit, 4 * Ether);
        w.Send(deposit, hot, 4 * Ether);
        w.Send(hot, withdrawal, 4 * Ether);
        w.Send(withdrawal, y, 4 * Ether);

        Assert.Equal((4 * Ether, 4 * Ether, 4 * Ether), w.Reached(w.X));
        Assert.Equal((0, 0, 0), w.Reached(w.Y));
    }
}
