using ChainTrace.Core.Addresses;
using ChainTrace.Core.Clustering;
using static ChainTrace.Core.Tests.Clustering.TxBuilder;

namespace ChainTrace.Core.Tests.Clustering;

public class ChangeHeuristicsTests
{
    [Fact]
    public void OneTime_PicksTheOnlyFreshOutputOfTheInputsType()
    {
        var tx = Tx([(1, 500_000), (2, 400_000)], [(3, 600_000, false), (4, 287_651, true)]);

        var guess = Assert.Single(ChangeHeuristics.Evaluate(tx), g => g.Heuristic == LinkHeuristic.OneTimeChange);

        Assert.Equal(1, guess.OutputIndex);
    }

    [Fact]
    public void OneTime_RefusesTwoFreshOutputs_RoundValues_AndOtherScriptTypes()
    {
        Assert.DoesNotContain(ChangeHeuristics.Evaluate(Tx([(1, 500_000)], [(3, 200_001, true), (4, 287_651, true)])), g => g.Heuristic == LinkHeuristic.OneTimeChange);
        Assert.DoesNotContain(ChangeHeuristics.Evaluate(Tx([(1, 500_000)], [(3, 200_001, false), (4, 280_000, true)])), g => g.Heuristic == LinkHeuristic.OneTimeChange);

        var mixedTypes = new TxFacts(false, [new TxInputFacts(1, 500_000, BtcAddressType.P2PKH)],
            [new TxOutputFacts(0, 3, 200_001, BtcAddressType.P2WPKH, false), new TxOutputFacts(1, 4, 287_651, BtcAddressType.P2WPKH, true)]);
        Assert.DoesNotContain(ChangeHeuristics.Evaluate(mixedTypes), g => g.Heuristic == LinkHeuristic.OneTimeChange);
    }

    [Fact]
    public void AddressReuse_PicksTheOutputBackToAnInputAddress_WithTheHighestConfidence()
    {
        var tx = Tx([(1, 500_000)], [(3, 200_001, true), (1, 287_651, false)]);

        var best = ChangeHeuristics.Best(ChangeHeuristics.Evaluate(tx));

        Assert.Equal(new ChangeGuess(1, LinkHeuristic.AddressReuseChange, ChangeHeuristics.AddressReuseConfidence), best);
    }

    [Fact]
    public void OptimalAndRoundValue_PickTheSmallOddOutput()
    {
        var tx = Tx([(1, 500_000), (2, 300_000)], [(3, 700_000, true), (4, 87_651, true)]);

        var guesses = ChangeHeuristics.Evaluate(tx);

        Assert.Contains(new ChangeGuess(1, LinkHeuristic.OptimalChange, ChangeHeuristics.OptimalConfidence), guesses);
        Assert.Contains(new ChangeGuess(1, LinkHeuristic.RoundValueChange, ChangeHeuristics.RoundValueConfidence), guesses);
    }

    [Fact]
    public void Evaluate_SaysNothingForSingleOutputsAndCoinbase()
    {
        Assert.Empty(ChangeHeuristics.Evaluate(Tx([(1, 500_000)], [(3, 499_000, true)])));
        Assert.Empty(ChangeHeuristics.Evaluate(new TxFacts(true, [], [new TxOutputFacts(0, 1, 5_000_000_000, BtcAddressType.P2WPKH, true), new TxOutputFacts(1, 2, 0, null, false)])));
    }
}
