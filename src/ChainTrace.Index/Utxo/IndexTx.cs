using System.Runtime.InteropServices;

namespace ChainTrace.Index.Utxo;

/// <summary>A transaction: its first input and output (CSR offsets; the next transaction's start ends them) and its block.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly record struct IndexTx(int FirstInput, int FirstOutput, int Block, int Flags)
{
    public const int Coinbase = 1;

    public bool IsCoinbase => (Flags & Coinbase) != 0;
}
