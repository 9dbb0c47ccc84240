using ChainTrace.Core.Clustering;
using ChainTrace.Index.Utxo;

namespace ChainTrace.Index.Clustering;

/// <summary>Whether a stored transaction is a detected CoinJoin whose inputs must not be read as one owner's (clustering, exposure).</summary>
public static class CoinJoinTxs
{
    public static bool IsMix(UtxoIndex index, int tx)
    {
        ArgumentNullException.ThrowIfNull(index);
        return TxLinkPlanner.MayBeCoinJoin(index.Outputs(tx).Count) && CoinJoinDetectors.Detect(index.Facts(tx)) is { ExcludesCoSpend: true };
    }
}
