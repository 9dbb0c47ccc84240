using ChainTrace.Core.Account;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Core.Ports;

/// <summary>One stored account-chain block: its header and transfers.</summary>
public sealed record StoredTransfers(BlockHeader Header, IReadOnlyList<Transfer> Transfers);
