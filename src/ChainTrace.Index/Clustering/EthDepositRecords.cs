using System.Runtime.InteropServices;
using ChainTrace.Core.Clustering;

namespace ChainTrace.Index.Clustering;

/// <summary>A deposit address, the receiver it forwards to and its first forward (the deposit link's transaction).</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly record struct EthDepositPair(int Deposit, int Receiver, int FirstForward);

/// <summary>A link the full run would try, tagged with the receiver whose deposits produced it (links are in receiver order).</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly record struct EthDepositCandidate(int Receiver, ClusterLink Link);
