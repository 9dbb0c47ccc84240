using ChainTrace.Core.Addresses;
using ChainTrace.Core.Primitives;

namespace ChainTrace.Ethereum.Model;

/// <summary>A block as a node or an export gives it, before normalization; our own type, not a library DTO.</summary>
public sealed record RawBlock(
    long Number,
    Hash32 Hash,
    Hash32 ParentHash,
    long Timestamp,
    EthAddress? Miner,
    IReadOnlyList<RawTransaction> Transactions,
    IReadOnlyList<RawWithdrawal> Withdrawals);
