using ChainTrace.Core.Clustering;
using static ChainTrace.Core.Tests.Clustering.TxBuilder;

namespace ChainTrace.Core.Tests.Clustering;

public class NamedCoinJoinDetectorTests
{
    [Fact]
    public void Wasabi1_FlagsTenthBtcRoundsOfTenInputsWithCoordinatorFee()
    {
        var round = Mix(10, 10_000_000, 300_000, 12_345, 23_456);
        Assert.Equal("wasabi-1", new Wasabi1Detector().Detect(round)?.Detector);
        Assert.Equal("wasabi-1", CoinJoinDetectors.Detect(round)?.Detector);

        Assert.Null(new Wasabi1Detector().Detect(Mix(9, 10_000_000, 300_000)));
        Assert.Null(new Wasabi1Detector().Detect(Mix(10, 20_000_000, 300_000)));
    }

    [Fact]
    public void Wasabi2_FlagsSeveralStandardDenominations()
    {
        var inputs = Enumerable.Range(0, 24).Select(i => (i, 3_000_000L));
        var outputs = Enumerable.Range(0, 10).Select(i => (100 + i, 1_048_576L, true))
            .Concat(Enumerable.Range(0, 10).Select(i => (200 + i, 531_441L, true)))
            .Concat(Enumerable.Range(0, 4).Select(i => (300 + i, 123_457L + i, true)));
        var tx = Tx(inputs, outputs);

        Assert.Equal("wasabi-2", new Wasabi2Detector().Detect(tx)?.Detector);
        Assert.True(Wasabi2Detector.IsStandardDenomination(5_000_000));
        Assert.False(Wasabi2Detector.IsStandardDenomination(5_232_063));
        Assert.Null(new Wasabi2Detector().Detect(Mix(10, 1_048_576)));
    }

    [Fact]
    public void Whirlpool_FlagsFiveByFivePoolMixes_AndTx0WithoutExcludingCoSpend()
    {
        var mix = Tx(Enumerable.Range(0, 5).Select(i => (i, 5_001_500L)), Enumerable.Range(0, 5).Select(i => (10 + i, 5_000_000L, true)));
        var found = new WhirlpoolDetector().Detect(mix);
        Assert.Equal("whirlpool", found?.Detector);
        Assert.True(found!.ExcludesCoSpend);

        var wrongPool = Tx(Enumerable.Range(0, 5).Select(i => (i, 4_001_500L)), Enumerable.Range(0, 5).Select(i => (10 + i, 4_000_000L, true)));
        Assert.Null(new WhirlpoolDetector().Detect(wrongPool));

        var tx0 = Tx([(1, 8_000_000)], [(2, 5_001_500, true), (3, 250_000, false), (4, 2_740_000, true)]);
        var premix = new WhirlpoolDetector().Detect(tx0);
        Assert.Equal("whirlpool-tx0", premix?.Detector);
        Assert.False(premix!.ExcludesCoSpend);
    }

    [Fact]
    public void JoinMarket_FlagsEqualOutputsPlusChangesOfThreeOrMoreParticipants()
    {
        // The shape of mainnet 79150a15…: 5 inputs, 5 equal outputs and 5 changes.
        var tx = Mix(5, 5_232_063, 1_111, 2_222, 3_333, 4_444, 5_555);
        Assert.Equal("joinmarket", new JoinMarketDetector().Detect(tx)?.Detector);

        Assert.Null(new JoinMarketDetector().Detect(Mix(2, 5_232_063, 1_111, 2_222)));
        Assert.Null(new JoinMarketDetector().Detect(Mix(3, 5_232_063, 1, 2, 3, 4, 5)));
    }

    [Fact]
    public void Detect_PrefersTheMostConfidentDetector()
    {
        var round = Mix(10, 10_000_000, 300_000);
        Assert.Equal(90, CoinJoinDetectors.Detect(round)?.Confidence);
        Assert.Null(CoinJoinDetectors.Detect(Tx([(1, 50_000), (2, 60_000)], [(3, 100_000, true)])));
    }
}
