using ChainTrace.Core.Addresses;
using ChainTrace.Core.Primitives;

namespace ChainTrace.Ethereum.Model;

public sealed record RawLog(int LogIndex, Hash32 TxHash, EthAddress Address, IReadOnlyList<Hash32> Topics, byte[] Data);
