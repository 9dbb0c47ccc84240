using System.Globalization;
using System.Numerics;

namespace ChainTrace.Core.Primitives;

/// <summary>
/// An unsigned 256-bit integer: Ethereum values (wei, token base units) and sums of them. Arithmetic is
/// checked: a result outside [0, 2^256) throws <see cref="OverflowException"/> rather than wrapping.
/// </summary>
public readonly record struct UInt256 : IComparable<UInt256>
{
    private static readonly BigInteger Limit = BigInteger.One << 256;
    private readonly BigInteger _value;

    private UInt256(BigInteger value) => _value = value;

    public static UInt256 Zero => default;

    public static UInt256 MaxValue => new(Limit - 1);

    public bool IsZero => _value.IsZero;

    public static UInt256 FromBigInteger(BigInteger value) =>
        value.Sign < 0 || value >= Limit
            ? throw new OverflowException($"{value} is outside the range of a 256-bit unsigned integer")
            : new UInt256(value);

    public BigInteger ToBigInteger() => _value;

    public static implicit operator UInt256(ulong value) => new(value);

    public static UInt256 operator +(UInt256 left, UInt256 right) => FromBigInteger(left._value + right._value);

    public static UInt256 operator -(UInt256 left, UInt256 right) => FromBigInteger(left._value - right._value);

    public static bool operator <(UInt256 left, UInt256 right) => left._value < right._value;

    public static bool operator >(UInt256 left, UInt256 right) => left._value > right._value;

    public static bool operator <=(UInt256 left, UInt256 right) => left._value <= right._value;

    public static bool operator >=(UInt256 left, UInt256 right) => left._value >= right._value;

    public int CompareTo(UInt256 other) => _value.CompareTo(other._value);

    /// <summary>Parses a decimal integer (no sign, no separators).</summary>
    public static UInt256 Parse(string text)
    {
        if (string.IsNullOrEmpty(text) || !text.All(char.IsAsciiDigit))
        {
            throw new FormatException($"'{text}' is not an unsigned decimal integer");
        }

        return FromBigInteger(BigInteger.Parse(text, NumberStyles.None, CultureInfo.InvariantCulture));
    }

    /// <summary>Parses a JSON-RPC quantity: <c>0x</c> followed by up to 64 hex digits.</summary>
    public static UInt256 ParseHex(string text)
    {
        var span = text.AsSpan();
        if (!span.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || span.Length < 3 || span.Length > 66)
        {
            throw new FormatException($"'{text}' is not a hex quantity: expected 0x and 1 to 64 hex digits");
        }

        var digits = span[2..];
        foreach (var c in digits)
        {
            if (!char.IsAsciiHexDigit(c))
            {
                throw new FormatException($"'{text}' is not a hex quantity: '{c}' is not a hex digit");
            }
        }

        return new UInt256(BigInteger.Parse("0" + digits.ToString(), NumberStyles.AllowHexSpecifier, CultureInfo.InvariantCulture));
    }

    /// <summary>32 bytes, big-endian: the ABI/word layout and a sortable storage form.</summary>
    public byte[] ToBigEndianBytes()
    {
        var bytes = new byte[32];
        _value.TryWriteBytes(bytes.AsSpan(32 - _value.GetByteCount(isUnsigned: true)), out _, isUnsigned: true, isBigEndian: true);
        return bytes;
    }

    public static UInt256 FromBigEndianBytes(ReadOnlySpan<byte> bytes)
    {
        if (bytes.Length > 32)
        {
            throw new OverflowException($"{bytes.Length} bytes do not fit in 256 bits");
        }

        return new UInt256(new BigInteger(bytes, isUnsigned: true, isBigEndian: true));
    }

    public override string ToString() => _value.ToString(CultureInfo.InvariantCulture);
}
