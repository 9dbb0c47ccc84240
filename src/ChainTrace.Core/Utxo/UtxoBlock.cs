using ChainTrace.Core.Chains;

namespace ChainTrace.Core.Utxo;

/// <summary>A Bitcoin-like block in the chain-agnostic model: no library DTO travels past the adapter.</summary>
public sealed record UtxoBlock(BlockHeader Header, Network Network, IReadOnlyList<UtxoTransaction> Transactions);
