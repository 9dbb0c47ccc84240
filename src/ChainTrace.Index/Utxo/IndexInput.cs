using System.Runtime.InteropServices;
using ChainTrace.Index.Storage;

namespace ChainTrace.Index.Utxo;

/// <summary>
/// An input as readers see it. Stored as one int (<see cref="Encode"/>): the spent output's dense id when the read
/// model holds that output (the address is then the output's, not copied), else <c>-2 - address</c> for an address
/// derived from the script, or -1 when neither is known.
/// </summary>
/// <param name="SpentOutput">Dense id of the output it spends, -1 when that output is not in the read model (its value is then unknown).</param>
/// <param name="Address">The spending address (the spent output's, else derived from the script), -1 when unknown.</param>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly record struct IndexInput(int SpentOutput, int Address)
{
    public static int Encode(int spentOutput, int address) => spentOutput >= 0 ? spentOutput : -2 - Math.Max(-1, address);

    internal static IndexInput Decode(int stored, MappedArray<PackedOutput> outputs) =>
        stored >= 0 ? new IndexInput(stored, outputs[stored].Address) : new IndexInput(-1, -2 - stored);
}
