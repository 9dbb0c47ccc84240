using ChainTrace.Core.Addresses;
using ChainTrace.Core.Primitives;

namespace ChainTrace.Core.Queries;

/// <param name="Value">Value that moved between the two addresses through shared transactions (for UTXO chains, value paid to the neighbour in those transactions).</param>
/// <param name="First">The first block of those shared transactions, when the store answers it (account chains: within the page's stretch).</param>
/// <param name="Last">The last block of those shared transactions, likewise.</param>
public sealed record AddressNeighbour(Address Address, Asset Asset, UInt256 Value, int TxCount, SeenAt? First = null, SeenAt? Last = null);
