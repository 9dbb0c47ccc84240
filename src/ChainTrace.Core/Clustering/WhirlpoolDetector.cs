namespace ChainTrace.Core.Clustering;

/// <summary>
/// Whirlpool (Samourai): a mix has 5–8 inputs and as many outputs, every output one pool denomination
/// (100k, 1M, 5M or 50M sat). A Tx0 makes premix coins of the denomination plus a small miner-fee reserve and
/// pays the pool fee (2–6 % of the denomination); its inputs are one user's, so it does not stop co-spend.
/// </summary>
public sealed class WhirlpoolDetector : ICoinJoinDetector
{
    public const string DetectorName = "whirlpool";
    public const string Tx0Name = "whirlpool-tx0";
    private const long MaxPremixReserve = 100_000;
    private static readonly long[] Pools = [100_000, 1_000_000, 5_000_000, 50_000_000];

    public string Name => DetectorName;

    public CoinJoinDetection? Detect(TxFacts tx)
    {
        ArgumentNullException.ThrowIfNull(tx);
        if (tx.IsCoinbase || tx.Outputs.Count == 0)
        {
            return null;
        }

        var first = tx.Outputs[0].Value;
        if (tx.Inputs.Count is >= 5 and <= 8 && tx.Outputs.Count == tx.Inputs.Count && Pools.Contains(first) && tx.Outputs.All(o => o.Value == first))
        {
            return new CoinJoinDetection(Name, 95);
        }

        return IsTx0(tx) ? new CoinJoinDetection(Tx0Name, 60, ExcludesCoSpend: false) : null;
    }

    private static bool IsTx0(TxFacts tx)
    {
        if (tx.Outputs.Count < 2)
        {
            return false;
        }

        foreach (var pool in Pools)
        {
            var premix = tx.Outputs.Where(o => o.Value > pool && o.Value <= pool + MaxPremixReserve).ToList();
            if (premix.Count == 0 || premix.Any(p => p.Value != premix[0].Value))
            {
                continue;
            }

            if (tx.Outputs.Any(o => o.Value >= pool / 50 && o.Value <= pool * 6 / 100))
            {
                return true;
            }
        }

        return false;
    }
}
