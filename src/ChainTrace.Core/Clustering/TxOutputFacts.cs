using ChainTrace.Core.Addresses;

namespace ChainTrace.Core.Clustering;

/// <summary>
/// One output as heuristics see it. <paramref name="Fresh"/>: this output is the address's first appearance in
/// the chain (the one-time change heuristic's "new address").
/// </summary>
/// <param name="Address">Dense address id, -1 when the script has no address.</param>
public readonly record struct TxOutputFacts(int Index, int Address, long Value, BtcAddressType? Type, bool Fresh);
