using ChainTrace.Core.Addresses;
using ChainTrace.Core.Primitives;

namespace ChainTrace.Core.Account;

/// <summary>
/// One edge <c>From -TRANSFER{asset,value,tx,position}-> To</c>. The identity within a block is
/// (kind, tx, position): position is "tx" for the transaction's own value or creation, the log index for a
/// token transfer, the trace address ("0_1", "" joined by '_') for an internal frame, and the reward or
/// withdrawal index for issuance.
/// </summary>
/// <param name="TxHash">The transaction; null for rewards and withdrawals, which belong to the block.</param>
public sealed record Transfer(
    TransferKind Kind,
    Asset Asset,
    EthAddress From,
    EthAddress To,
    UInt256 Value,
    Hash32? TxHash,
    string Position)
{
    public const string TransactionPosition = "tx";
}
