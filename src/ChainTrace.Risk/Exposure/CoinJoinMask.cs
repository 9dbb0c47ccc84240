using ChainTrace.Index.Clustering;
using ChainTrace.Index.Utxo;

namespace ChainTrace.Risk.Exposure;

/// <summary>
/// Which transactions are detected CoinJoins (<see cref="CoinJoinTxs"/>), each decided once for both exposure passes
/// and the cluster side: the detector builds the transaction's facts, too much to repeat three times per transaction.
/// A full pass decides them all up front, in parallel (pure reads of the index; a racing write stores the same value).
/// </summary>
internal sealed class CoinJoinMask(UtxoIndex index)
{
    private const byte Mix = 1;
    private const byte NotMix = 2;
    private readonly byte[] _known = new byte[index.TxCount];

    public static CoinJoinMask Decided(UtxoIndex index)
    {
        var mask = new CoinJoinMask(index);
        Parallel.For(0, index.TxCount, tx => mask.IsMix(tx));
        return mask;
    }

    public bool IsMix(int tx)
    {
        var known = _known[tx];
        if (known == 0)
        {
            known = CoinJoinTxs.IsMix(index, tx) ? Mix : NotMix;
            _known[tx] = known;
        }

        return known == Mix;
    }
}
