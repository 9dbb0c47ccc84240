using System.Runtime.InteropServices;

namespace ChainTrace.Index.Utxo;

/// <summary>The exact value of an output whose value did not fit <see cref="PackedOutput"/>'s 40 bits.</summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
internal readonly record struct BigValue(int Output, long Value);
