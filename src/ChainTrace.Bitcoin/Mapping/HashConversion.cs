using ChainTrace.Core.Primitives;
using NBitcoin;

namespace ChainTrace.Bitcoin.Mapping;

/// <summary>NBitcoin keeps hashes in serialized (little-endian) order; Core's <see cref="Hash32"/> is display order.</summary>
internal static class HashConversion
{
    public static Hash32 ToHash32(this uint256 value)
    {
        Span<byte> display = stackalloc byte[32];
        value.ToBytes(display, lendian: false);
        return new Hash32(display);
    }

    public static uint256 ToUInt256(this Hash32 value) => new(value.ToArray(), lendian: false);
}
