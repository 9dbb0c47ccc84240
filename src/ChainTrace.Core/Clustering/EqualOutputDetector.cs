namespace ChainTrace.Core.Clustering;

/// <summary>
/// The generic rule of BlockSci and GraphSense: at least 2 inputs and 3 outputs; participants = (outputs + 1) / 2
/// is at most the inputs and at most the distinct input addresses; the most common output value (lowest on ties)
/// occurs exactly that many times and is not 546 or 2730 sat (dust-limit values that repeat for other reasons).
/// </summary>
public sealed class EqualOutputDetector : ICoinJoinDetector
{
    public const string DetectorName = "equal-output";

    public string Name => DetectorName;

    public CoinJoinDetection? Detect(TxFacts tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        if (tx.IsCoinbase || tx.Inputs.Count < 2 || tx.Outputs.Count < 3)
        {
            return null;
        }

        var participants = (tx.Outputs.Count + 1) / 2;
        if (participants > tx.Inputs.Count || participants > tx.DistinctInputAddresses().Count)
        {
            return null;
        }

        var counts = tx.ValueCounts;
        if (counts.MostCommonCount != participants || counts.MostCommonValue is 546 or 2730)
        {
            return null;
        }

        return new CoinJoinDetection(Name, 50);
    }
}
