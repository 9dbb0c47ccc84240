using System.Runtime.InteropServices;

namespace ChainTrace.Index.Utxo;

/// <summary>
/// An output as <c>outputs.bin</c> stores it: its address id and its value in 40 bits, 9 bytes instead of 12. Forty
/// bits hold values below <see cref="Overflow"/> satoshis (about 10,995 BTC); a value at or above it (rare: early
/// coinbase sweeps, exchange cold-wallet moves) stores the all-ones marker here and its exact value in
/// <c>big_values.bin</c> (<see cref="BigValue"/>, in output order, found by binary search).
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 1)]
internal struct PackedOutput
{
    /// <summary>The marker value: the exact value is in the overflow array.</summary>
    public const long Overflow = (1L << 40) - 1;

    public int Address;
    private uint _low;
    private byte _high;

    /// <summary>The stored 40 bits: the value, or <see cref="Overflow"/> when it did not fit.</summary>
    public readonly long Value => _low | ((long)_high << 32);

    public readonly bool Overflows => Value == Overflow;

    public static PackedOutput Of(long value, int address)
    {
        var stored = value is >= 0 and < Overflow ? value : Overflow;
        return new PackedOutput { Address = address, _low = unchecked((uint)stored), _high = (byte)(stored >> 32) };
    }
}
