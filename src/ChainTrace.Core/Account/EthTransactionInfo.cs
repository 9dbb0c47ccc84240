using ChainTrace.Core.Addresses;
using ChainTrace.Core.Primitives;

namespace ChainTrace.Core.Account;

/// <param name="To">Recipient; null for a contract creation.</param>
/// <param name="CreatedContract">The contract a creation transaction deployed (from the receipt or trace).</param>
/// <param name="Succeeded">False when the transaction failed (receipt status 0 or a failed top-level trace);
/// null when neither receipt status nor trace says (pre-Byzantium without traces).</param>
/// <param name="GasUsed">From the receipt; null without one.</param>
/// <param name="Fee">gasUsed × effective gas price, in wei; null without a receipt.</param>
public sealed record EthTransactionInfo(
    Hash32 Hash,
    int Index,
    EthAddress From,
    EthAddress? To,
    EthAddress? CreatedContract,
    UInt256 Value,
    bool? Succeeded,
    long Gas,
    long? GasUsed,
    UInt256? Fee);
