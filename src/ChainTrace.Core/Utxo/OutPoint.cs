using ChainTrace.Core.Primitives;

namespace ChainTrace.Core.Utxo;

public readonly record struct OutPoint(Hash32 TxId, uint Index)
{
    public override string ToString() => $"{TxId}:{Index}";
}
