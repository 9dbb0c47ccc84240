using ChainTrace.Core.Chains;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Core.Account;

/// <summary>An account-chain block in the chain-agnostic model: its transactions and the transfers they made.</summary>
/// <param name="HasTraces">True when internal transfers were read from traces; false when the source had none.</param>
public sealed record AccountBlock(
    BlockHeader Header,
    Network Network,
    IReadOnlyList<EthTransactionInfo> Transactions,
    IReadOnlyList<Transfer> Transfers,
    bool HasTraces,
    NormalizationWarnings Warnings);
