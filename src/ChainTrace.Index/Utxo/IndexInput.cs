using System.Runtime.InteropServices;

namespace ChainTrace.Index.Utxo;

/// <param name="SpentOutput">Dense id of the output it spends, -1 when that output is not in the read model (its value is then unknown).</param>
/// <param name="Address">The spending address (the spent output's, else derived from the script), -1 when unknown.</param>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly record struct IndexInput(int SpentOutput, int Address);
