using ChainTrace.Core.Primitives;

namespace ChainTrace.Index.Utxo;

public sealed partial class UtxoIndex
{
    /// <summary>The dense id of the transaction <paramref name="txId"/>, -1 when the read model does not hold it.</summary>
    public int FindTx(Hash32 txId) => _txIndex.Find(TxTag(txId), TxCount);
}
