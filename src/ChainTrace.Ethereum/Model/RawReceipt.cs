using ChainTrace.Core.Addresses;
using ChainTrace.Core.Primitives;

namespace ChainTrace.Ethereum.Model;

/// <param name="Status">1/0 after Byzantium; null before it (the receipt carries a state root instead).</param>
public sealed record RawReceipt(
    Hash32 TxHash,
    bool? Status,
    long GasUsed,
    UInt256? EffectiveGasPrice,
    EthAddress? ContractAddress,
    IReadOnlyList<RawLog> Logs);
