using System.Numerics;

namespace ChainTrace.Core.Utxo;

/// <summary>
/// Proof of work from a header's compact target (<c>nBits</c>), as Bitcoin Core computes it: the target is
/// <c>mantissa · 256^(exponent − 3)</c>, and a block's work is <c>2^256 / (target + 1)</c>.
/// </summary>
public static class ChainWork
{
    private static readonly BigInteger TwoTo256 = BigInteger.One << 256;

    /// <summary>The target <paramref name="bits"/> encodes; null when it is negative, zero or overflows 256 bits (no valid header has such bits).</summary>
    public static BigInteger? Target(uint bits)
    {
        var exponent = (int)(bits >> 24);
        var mantissa = bits & 0x007f_ffff;
        if ((bits & 0x0080_0000) != 0 || mantissa == 0)
        {
            return null;
        }

        var target = exponent <= 3 ? new BigInteger(mantissa >> (8 * (3 - exponent))) : new BigInteger(mantissa) << (8 * (exponent - 3));
        return target.IsZero || target >= TwoTo256 ? null : target;
    }

    /// <summary>Expected number of hashes to find a block at this target.</summary>
    public static BigInteger Of(uint bits) => Target(bits) is { } target ? TwoTo256 / (target + 1) : BigInteger.Zero;

    /// <summary>True when the block hash (display order, big-endian as a number) is at or below the target.</summary>
    public static bool MeetsTarget(ReadOnlySpan<byte> hashDisplayOrder, uint bits) =>
        Target(bits) is { } target && new BigInteger(hashDisplayOrder, isUnsigned: true, isBigEndian: true) <= target;
}
