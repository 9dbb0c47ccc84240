using ChainTrace.Core.Addresses;
using ChainTrace.Core.Primitives;

namespace ChainTrace.Core.Queries;

/// <param name="Value">Value that moved between the two addresses through shared transactions (for UTXO chains, value paid to the neighbour in those transactions).</param>
public sealed record AddressNeighbour(Address Address, Asset Asset, UInt256 Value, int TxCount);
