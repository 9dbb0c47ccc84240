using System.Runtime.InteropServices;
using ChainTrace.Core.Primitives;

namespace ChainTrace.Index.Utxo;

/// <summary>A block of the read model: where its transactions, outputs, inputs and new addresses start (the cut points of a rollback).</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public struct IndexBlock
{
    public long Height;
    public long Time;
    public int FirstTx;
    public int FirstOutput;
    public int FirstInput;
    public int FirstAddress;
    public HashBytes Hash;

    public readonly Hash32 BlockHash => Hash.ToHash();
}
