using System.Runtime.InteropServices;
using ChainTrace.Index.Utxo;

namespace ChainTrace.Index.Clustering;

/// <summary>A block the clusters have seen: its hash (to notice the read model moved to another branch) and the transaction and address counts after it.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public struct ClusterBlock
{
    public HashBytes Hash;
    public int TxEnd;
    public int AddressEnd;
}
