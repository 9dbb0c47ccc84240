using System.Buffers.Binary;
using System.Diagnostics.CodeAnalysis;

namespace ChainTrace.Core.Queries;

/// <summary>
/// Where the next page of neighbours starts: a position in the store's order of the address's activity
/// (<paramref name="Item"/>) and an entry within it. Clients see it only as an opaque string (base64url).
/// </summary>
public readonly record struct NeighbourCursor(long Item, int Entry)
{
    private const int Length = 12;

    public override string ToString()
    {
        Span<byte> bytes = stackalloc byte[Length];
        BinaryPrimitives.WriteInt64LittleEndian(bytes, Item);
        BinaryPrimitives.WriteInt32LittleEndian(bytes[8..], Entry);
        return Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');
    }

    public static bool TryParse(string? text, [NotNullWhen(true)] out NeighbourCursor? cursor)
    {
        cursor = null;
        if (text is not { Length: 16 })
        {
            return false;
        }

        Span<byte> bytes = stackalloc byte[Length];
        var base64 = text.Replace('-', '+').Replace('_', '/');
        if (!Convert.TryFromBase64String(base64, bytes, out var written) || written != Length)
        {
            return false;
        }

        var item = BinaryPrimitives.ReadInt64LittleEndian(bytes);
        var entry = BinaryPrimitives.ReadInt32LittleEndian(bytes[8..]);
        if (item < 0 || entry < 0)
        {
            return false;
        }

        cursor = new NeighbourCursor(item, entry);
        return true;
    }
}
