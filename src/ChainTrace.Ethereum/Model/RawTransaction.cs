using ChainTrace.Core.Addresses;
using ChainTrace.Core.Primitives;

namespace ChainTrace.Ethereum.Model;

/// <param name="To">Null for a contract creation.</param>
public sealed record RawTransaction(Hash32 Hash, int Index, EthAddress From, EthAddress? To, UInt256 Value, long Gas, UInt256? GasPrice);
