namespace ChainTrace.Core.Clustering;

/// <summary>All detectors; a transaction's answer is the most confident detection (the first listed on ties).</summary>
public static class CoinJoinDetectors
{
    public static IReadOnlyList<ICoinJoinDetector> All { get; } =
        [new WhirlpoolDetector(), new Wasabi1Detector(), new Wasabi2Detector(), new JoinMarketDetector(), new EqualOutputDetector()];

    public static CoinJoinDetection? Detect(TxFacts tx)
    {
        CoinJoinDetection? best = null;
        foreach (var detector in All)
        {
            if (detector.Detect(tx) is { } found && (best is null || found.Confidence > best.Confidence))
            {
                best = found;
            }
        }

        return best;
    }
}
