namespace ChainTrace.Simulator.Tests.Taint;

/// <summary>
/// The simulator's Bitcoin taint truth, case by case, each small enough to check on paper (amounts in satoshi;
/// tuples are FIFO, haircut, poison). FIFO lays the inputs' value segments, in input order, over the outputs
/// in output order and the fee takes the tail; haircut gives each output floor(tainted × value / inputs);
/// poison makes every output of a transaction with a tainted input wholly tainted by each source it carried.
/// </summary>
public sealed class BitcoinTaintTests
{
    [Fact]
    public void Merge_FifoFillsOutputsInInputOrder_HaircutSplitsByValue_PoisonTaintsEveryOutput()
    {
        var w = new BitcoinTaintLedger();
        var fromA = w.Spend([w.Coin(w.A, 50_000)], (w.User, 50_000))[0];

        // inputs [clean 30,000 | A 50,000] -> X 40,000, Y 35,000, fee 5,000.
        // FIFO: X = clean 30,000 + A 10,000; Y = A 35,000; the fee takes the last A 5,000.
        // Haircut: 50,000 of 80,000 is A's: X 25,000, Y 21,875.
        w.Spend([w.Coin(w.User, 30_000), fromA], (w.X, 40_000), (w.Y, 35_000));

        Assert.Equal((10_000, 25_000, 40_000), w.Reached(w.A, w.X));
        Assert.Equal((35_000, 21_875, 35_000), w.Reached(w.A, w.Y));
        Assert.Equal((50_000, 50_000, 50_000), w.Outflow(w.A));
    }

    [Fact]
    public void Fee_TakesTheTailOfTheInputSegments()
    {
        var w = new BitcoinTaintLedger();
        var fromA = w.Spend([w.Coin(w.A, 10_000)], (w.User, 10_000))[0];

        // inputs [clean 10,000 | A 10,000] -> X 15,000, fee 5,000: X gets clean 10,000 + A 5,000, the fee A 5,000.
        w.Spend([w.Coin(w.User, 10_000), fromA], (w.X, 15_000));

        Assert.Equal((5_000, 7_500, 15_000), w.Reached(w.A, w.X));
    }

    [Fact]
    public void ChangeToTheSource_StaysWhollyItsTaint_AndIsNotCountedAsOutflow()
    {
        var w = new BitcoinTaintLedger();

        // A 100,000 -> user 60,000, A's change 39,000, fee 1,000.
        var paid = w.Spend([w.Coin(w.A, 100_000)], (w.User, 60_000), (w.A, 39_000));
        Assert.Equal((60_000, 60_000, 60_000), w.Outflow(w.A));
        Assert.Equal(39_000, paid[1].Taint!.FifoAmount(0));
        Assert.Equal(39_000, paid[1].Taint!.Haircut(0));

        // The change goes straight to X; the user's coin goes to X with change back to the user, fee 500.
        w.Spend([paid[1]], (w.X, 39_000));
        var userChange = w.Spend([paid[0]], (w.X, 50_000), (w.User, 9_500))[1];

        Assert.Equal((89_000, 89_000, 89_000), w.Reached(w.A, w.X));
        Assert.Equal((99_000, 99_000, 99_000), w.Outflow(w.A));
        Assert.Equal(9_500, userChange.Taint!.FifoAmount(0));
        Assert.Equal(9_500, userChange.Taint!.Haircut(0));
    }

    [Fact]
    public void PeelChain_WithACleanTopUp_SplitsTheModels()
    {
        var w = new BitcoinTaintLedger();

        // A 1,000,000 -> peeler 999,000 (fee 1,000).
        var p0 = w.Spend([w.Coin(w.A, 1_000_000)], (w.Peeler, 999_000))[0];

        // Peel 1: 999,000 -> X 100,000, peeler 898,500 (fee 500): wholly A's under every model.
        var p1 = w.Spend([p0], (w.X, 100_000), (w.Peeler, 898_500))[1];

        // Peel 2 with a clean top-up: [A 898,500 | clean 101,500] -> Y 500,000, peeler 499,000, fee 1,000.
        // FIFO: Y = A 500,000; peeler = A 398,500 + clean 100,500; the fee is clean.
        // Haircut: 898,500 of 1,000,000: Y 449,250, peeler 448,351 (448,351.5 floored).
        var p2 = w.Spend([p1, w.Coin(w.User, 101_500)], (w.Y, 500_000), (w.Peeler, 499_000))[1];
        Assert.Equal(398_500, p2.Taint!.FifoAmount(0));
        Assert.Equal(448_351, p2.Taint!.Haircut(0));

        // Last hop: 499,000 -> X 498,000, fee 1,000. FIFO: A 398,500 + clean 99,500 (the fee is clean).
        // Haircut: 448,351 × 498,000 / 499,000 = 447,452.5 -> 447,452.
        w.Spend([p2], (w.X, 498_000));

        Assert.Equal((100_000 + 398_500, 100_000 + 447_452, 100_000 + 498_000), w.Reached(w.A, w.X));
        Assert.Equal((500_000, 449_250, 500_000), w.Reached(w.A, w.Y));
        Assert.Equal((999_000, 999_000, 999_000), w.Outflow(w.A));
    }

    [Fact]
    public void PartialSpend_OfACoinWithSegments_TakesTheFrontSegmentsFirst()
    {
        var w = new BitcoinTaintLedger();

        // One coin laid out as [clean 30 | A 50 | clean 20] by a merge of three inputs, no fee.
        var merged = w.Spend([w.Coin(w.User, 30), w.Coin(w.A, 50), w.Coin(w.User, 20)], (w.User, 100))[0];
        Assert.Equal([(-1, 30L), (0, 50L), (-1, 20L)], merged.Taint!.Fifo.ToArray());

        // 100 -> X 60, change 38, fee 2. FIFO: X = clean 30 + A 30; change = A 20 + clean 18; fee clean.
        // Haircut: 50 of 100: X 30, change 19.
        var change = w.Spend([merged], (w.X, 60), (w.User, 38))[1];

        Assert.Equal((30, 30, 60), w.Reached(w.A, w.X));
        Assert.Equal(20, change.Taint!.FifoAmount(0));
        Assert.Equal(19, change.Taint!.Haircut(0));
    }

    [Fact]
    public void TwoSources_InOneTransaction_AreTrackedApart()
    {
        var w = new BitcoinTaintLedger();

        // [A 40,000 | B 60,000] -> X 50,000, Y 50,000, no fee.
        // FIFO: X = A 40,000 + B 10,000; Y = B 50,000. Haircut: X and Y each get A 20,000 and B 30,000.
        w.Spend([w.Coin(w.A, 40_000), w.Coin(w.B, 60_000)], (w.X, 50_000), (w.Y, 50_000));

        Assert.Equal((40_000, 20_000, 50_000), w.Reached(w.A, w.X));
        Assert.Equal((0, 20_000, 50_000), w.Reached(w.A, w.Y));
        Assert.Equal((10_000, 30_000, 50_000), w.Reached(w.B, w.X));
        Assert.Equal((50_000, 30_000, 50_000), w.Reached(w.B, w.Y));
        Assert.Equal((40_000, 40_000, 100_000), w.Outflow(w.A));
        Assert.Equal((60_000, 60_000, 100_000), w.Outflow(w.B));
    }

    [Fact]
    public void Haircut_IsFloored_SoTaintNeverGrows_WhilePoisonTaintsEverything()
    {
        var w = new BitcoinTaintLedger();
        var fromA = w.Spend([w.Coin(w.A, 100)], (w.User, 100))[0];

        // [A 100 | clean 200] -> three outputs of 100 to X: FIFO gives the first one A 100; haircut 33 each.
        w.Spend([fromA, w.Coin(w.User, 200)], (w.X, 100), (w.X, 100), (w.X, 100));

        Assert.Equal((100, 99, 300), w.Reached(w.A, w.X));
    }

    [Fact]
    public void Exchange_AbsorbsTaint_SoWhatItPaysOnIsClean()
    {
        var w = new BitcoinTaintLedger();
        var atX = w.Spend([w.Coin(w.A, 50_000)], (w.X, 50_000))[0];
        Assert.Null(atX.Taint);

        var withdrawal = w.Spend([atX], (w.User, 49_000))[0];
        w.Spend([withdrawal], (w.Y, 48_000));

        Assert.Null(withdrawal.Taint);
        Assert.Equal((50_000, 50_000, 50_000), w.Reached(w.A, w.X));
        Assert.Equal((0, 0, 0), w.Reached(w.A, w.Y));
    }

    [Fact]
    public void PaymentToAFlaggedSource_BecomesWhollyThatSourcesTaint()
    {
        var w = new BitcoinTaintLedger();
        var fromB = w.Spend([w.Coin(w.B, 10_000)], (w.User, 10_000))[0];

        // The user pays A with B's coin: A's coin is A's alone; B's taint stops at A.
        var atA = w.Spend([fromB], (w.A, 10_000))[0];
        w.Spend([atA], (w.X, 10_000));

        Assert.Equal((10_000, 10_000, 10_000), w.Reached(w.A, w.X));
        Assert.Equal((0, 0, 0), w.Reached(w.B, w.X));
    }
}
