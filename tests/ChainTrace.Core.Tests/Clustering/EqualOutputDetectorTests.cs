using ChainTrace.Core.Clustering;
using static ChainTrace.Core.Tests.Clustering.TxBuilder;

namespace ChainTrace.Core.Tests.Clustering;

public class EqualOutputDetectorTests
{
    private readonly EqualOutputDetector _detector = new();

    [Fact]
    public void Detect_FlagsParticipantsEqualOutputsWithChange()
    {
        // 3 participants: 3 equal outputs + 2 changes = 5 outputs, (5 + 1) / 2 = 3.
        var tx = Mix(3, 1_000_000, 12_345, 67_890);

        var found = _detector.Detect(tx);

        Assert.Equal("equal-output", found?.Detector);
        Assert.True(found!.ExcludesCoSpend);
    }

    [Fact]
    public void Detect_RequiresTheMostCommonValueToOccurExactlyParticipantsTimes()
    {
        // 6 outputs -> 3 participants, but the common value occurs 4 times.
        Assert.Null(_detector.Detect(Mix(4, 1_000_000, 5_000, 6_000)));
    }

    [Fact]
    public void Detect_IgnoresDustValuesAndTooFewDistinctInputAddresses()
    {
        Assert.Null(_detector.Detect(Mix(3, 546, 12_345, 67_890)));
        Assert.Null(_detector.Detect(Mix(3, 2730, 12_345, 67_890)));

        // Three inputs but all from one address: one spender, not three participants.
        var oneSpender = Tx([(1, 2_000_000), (1, 2_000_000), (1, 2_000_000)], [(5, 1_000_000, true), (6, 1_000_000, true), (7, 1_000_000, true), (8, 10, true), (9, 20, true)]);
        Assert.Null(_detector.Detect(oneSpender));
    }

    [Fact]
    public void Detect_TakesTheLowestValueOnTies()
    {
        // Two values occur twice each (outputs 5 -> participants 3): neither occurs 3 times.
        var tx = Tx([(1, 9_000), (2, 9_000), (3, 9_000)], [(5, 100, true), (6, 100, true), (7, 200, true), (8, 200, true), (9, 300, true)]);
        Assert.Null(_detector.Detect(tx));
    }

    [Fact]
    public void Detect_IgnoresOrdinaryPayments()
    {
        Assert.Null(_detector.Detect(Tx([(1, 50_000)], [(2, 30_000, true), (3, 19_000, true)])));
    }
}
