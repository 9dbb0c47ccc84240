using ChainTrace.Core.Addresses;

namespace ChainTrace.Core.Clustering;

/// <summary>What a heuristic may know of one input: the spending address's dense id (-1 when none), the spent value (null when unknown) and the script type.</summary>
public readonly record struct TxInputFacts(int Address, long? Value, BtcAddressType? Type);
