namespace ChainTrace.Core.Clustering;

/// <summary>
/// Wasabi 2.0 (WabiSabi): at least 20 inputs and outputs, and outputs in several of the standard denominations
/// (powers of 2 and 3, 2×3^k, and 1/2/5×10^k sat from 5,000 sat up), most outputs being one of them.
/// </summary>
public sealed class Wasabi2Detector : ICoinJoinDetector
{
    public const string DetectorName = "wasabi-2";
    private static readonly HashSet<long> Denominations = BuildDenominations();

    public string Name => DetectorName;

    public static bool IsStandardDenomination(long value) => Denominations.Contains(value);

    public CoinJoinDetection? Detect(TxFacts tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        if (tx.IsCoinbase || tx.Inputs.Count < 20 || tx.Outputs.Count < 20)
        {
            return null;
        }

        var counts = tx.ValueCounts;
        var repeatedStandard = counts.Repeated(2).Count(r => Denominations.Contains(r.Value));
        var standardOutputs = tx.Outputs.Count(o => Denominations.Contains(o.Value));
        return repeatedStandard >= 2 && standardOutputs * 2 >= tx.Outputs.Count ? new CoinJoinDetection(Name, 85) : null;
    }

    private static HashSet<long> BuildDenominations()
    {
        const long Min = 5_000;
        const long Max = 137_438_953_472;
        var set = new HashSet<long>();
        for (long p = 1; p <= Max; p *= 2)
        {
            set.Add(p);
        }

        for (long p = 1; p <= Max; p *= 3)
        {
            set.Add(p);
            set.Add(2 * p);
        }

        for (long p = 1; p <= Max; p *= 10)
        {
            set.Add(p);
            set.Add(2 * p);
            set.Add(5 * p);
        }

        set.RemoveWhere(v => v < Min || v > Max);
        return set;
    }
}
