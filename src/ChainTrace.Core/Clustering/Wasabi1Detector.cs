namespace ChainTrace.Core.Clustering;

/// <summary>
/// Wasabi 1.x: at least 10 inputs, at least 3 equal outputs of about 0.1 BTC (the round's denomination moves a
/// little around 0.1 with the coordinator's settings), and other outputs beside them (changes, the coordinator fee).
/// </summary>
public sealed class Wasabi1Detector : ICoinJoinDetector
{
    public const string DetectorName = "wasabi-1";
    private const long MinDenomination = 9_000_000;
    private const long MaxDenomination = 11_000_000;

    public string Name => DetectorName;

    public CoinJoinDetection? Detect(TxFacts tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        if (tx.IsCoinbase || tx.Inputs.Count < 10)
        {
            return null;
        }

        var counts = tx.ValueCounts;
        foreach (var (value, count) in counts.Repeated(3))
        {
            if (value is >= MinDenomination and <= MaxDenomination && count < tx.Outputs.Count && count <= tx.DistinctInputAddresses().Count)
            {
                return new CoinJoinDetection(Name, 90);
            }
        }

        return null;
    }
}
