using ChainTrace.Core.Addresses;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Core.Queries;

public sealed record UtxoTransactionView(
    Hash32 TxId,
    long BlockHeight,
    Hash32 BlockHash,
    DateTimeOffset BlockTime,
    int Position,
    bool IsCoinbase,
    int Size,
    int VSize,
    long? Fee,
    IReadOnlyList<UtxoInputView> Inputs,
    IReadOnlyList<UtxoOutputView> Outputs);

public sealed record UtxoInputView(int Index, OutPoint PrevOut, BtcAddress? Address, long? Value, PrevoutSource Source);

/// <param name="SpentBy">The input that spends this output, when the store holds it.</param>
public sealed record UtxoOutputView(int Index, long Value, OutputKind Kind, BtcAddress? Address, OutPoint? SpentBy);
