using ChainTrace.Core.Addresses;
using ChainTrace.Core.Primitives;

namespace ChainTrace.Ethereum.Model;

/// <param name="AmountGwei">Withdrawals are denominated in gwei (EIP-4895), not wei.</param>
public sealed record RawWithdrawal(long Index, EthAddress Address, UInt256 AmountGwei);
