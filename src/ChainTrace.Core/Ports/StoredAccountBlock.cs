using ChainTrace.Core.Account;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Core.Ports;

/// <summary>One stored account-chain block with its transactions (fees, senders) and transfers in stored order: what account tracing replays.</summary>
public sealed record StoredAccountBlock(BlockHeader Header, IReadOnlyList<EthTransactionInfo> Transactions, IReadOnlyList<Transfer> Transfers);
