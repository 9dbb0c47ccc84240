namespace ChainTrace.Core.Clustering;

/// <summary>
/// JoinMarket: a taker and makers each get one output of the same value and most get a change output, so
/// at least 3 equal outputs, no more participants than distinct input addresses, and at most one other output
/// per participant (plus one, for a coordinator fee in mixes of that shape).
/// </summary>
public sealed class JoinMarketDetector : ICoinJoinDetector
{
    public const string DetectorName = "joinmarket";

    public string Name => DetectorName;

    public CoinJoinDetection? Detect(TxFacts tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        if (tx.IsCoinbase || tx.Inputs.Count < 3 || tx.Outputs.Count < 3)
        {
            return null;
        }

        var counts = tx.ValueCounts;
        var participants = counts.MostCommonCount;
        if (participants < 3 || counts.MostCommonValue is 546 or 2730 || participants > tx.Inputs.Count)
        {
            return null;
        }

        if (participants > tx.DistinctInputAddresses().Count || tx.Outputs.Count - participants > participants + 1)
        {
            return null;
        }

        return new CoinJoinDetection(Name, 70);
    }
}
