using System.Runtime.InteropServices;

namespace ChainTrace.Index.Utxo;

/// <summary>
/// A transaction: its first input and output (CSR offsets; the next transaction's start ends them). A coinbase has
/// no inputs here (it spends nothing), every other transaction at least one; its block is found by
/// <see cref="UtxoIndex.BlockOfTx"/> (8 bytes per transaction instead of 16).
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly record struct IndexTx(int FirstInput, int FirstOutput);
