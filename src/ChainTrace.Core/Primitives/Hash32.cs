using System.Buffers.Binary;

namespace ChainTrace.Core.Primitives;

/// <summary>
/// A 32-byte hash (block hash, transaction id) held in display order: the byte order of its usual hex
/// form. Bitcoin ids are shown byte-reversed from their serialized order; adapters convert at the boundary.
/// </summary>
public readonly record struct Hash32
{
    private readonly ulong _a, _b, _c, _d;

    public Hash32(ReadOnlySpan<byte> displayOrder)
    {
        if (displayOrder.Length != 32)
        {
            throw new ArgumentException($"a hash is 32 bytes, got {displayOrder.Length}", nameof(displayOrder));
        }

        _a = BinaryPrimitives.ReadUInt64BigEndian(displayOrder);
        _b = BinaryPrimitives.ReadUInt64BigEndian(displayOrder[8..]);
        _c = BinaryPrimitives.ReadUInt64BigEndian(displayOrder[16..]);
        _d = BinaryPrimitives.ReadUInt64BigEndian(displayOrder[24..]);
    }

    public static Hash32 Zero => default;

    public bool IsZero => (_a | _b | _c | _d) == 0;

    public void CopyTo(Span<byte> destination)
    {
        BinaryPrimitives.WriteUInt64BigEndian(destination, _a);
        BinaryPrimitives.WriteUInt64BigEndian(destination[8..], _b);
        BinaryPrimitives.WriteUInt64BigEndian(destination[16..], _c);
        BinaryPrimitives.WriteUInt64BigEndian(destination[24..], _d);
    }

    public byte[] ToArray()
    {
        var bytes = new byte[32];
        CopyTo(bytes);
        return bytes;
    }

    /// <summary>Parses 64 hex digits, with or without a <c>0x</c> prefix.</summary>
    public static Hash32 Parse(string text)
    {
        if (!TryParse(text, out var hash))
        {
            throw new FormatException($"'{text}' is not a 32-byte hash: expected 64 hex digits");
        }

        return hash;
    }

    public static bool TryParse(string? text, out Hash32 hash)
    {
        hash = default;
        if (text is null)
        {
            return false;
        }

        var span = text.AsSpan().Trim();
        if (span.StartsWith("0x", StringComparison.OrdinalIgnoreCase))
        {
            span = span[2..];
        }

        if (span.Length != 64)
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[32];
        if (Convert.FromHexString(span, bytes, out _, out var written) != System.Buffers.OperationStatus.Done || written != 32)
        {
            return false;
        }

        hash = new Hash32(bytes);
        return true;
    }

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[32];
        CopyTo(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
