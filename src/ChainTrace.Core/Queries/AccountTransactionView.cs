using ChainTrace.Core.Account;
using ChainTrace.Core.Primitives;

namespace ChainTrace.Core.Queries;

/// <summary>An account-chain transaction with every transfer it made (native, token, internal, creation).</summary>
/// <param name="TracesAvailable">False when its block was stored without traces: internal transfers are then unknown, not absent.</param>
public sealed record AccountTransactionView(
    EthTransactionInfo Transaction,
    long BlockHeight,
    Hash32 BlockHash,
    DateTimeOffset BlockTime,
    IReadOnlyList<Transfer> Transfers,
    bool TracesAvailable);
