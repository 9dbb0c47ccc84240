using System.Runtime.InteropServices;

namespace ChainTrace.Index.Utxo;

/// <param name="Address">Dense address id, -1 for a script without an address.</param>
/// <param name="Value">Satoshis.</param>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly record struct IndexOutput(long Value, int Address);
