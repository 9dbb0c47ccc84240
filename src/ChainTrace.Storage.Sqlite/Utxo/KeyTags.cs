using System.Buffers.Binary;
using ChainTrace.Core.Primitives;

namespace ChainTrace.Storage.Sqlite.Utxo;

/// <summary>
/// Small integer stand-ins for long keys, used only as index keys: every lookup through them also compares
/// the full value, so a collision costs a row read, never a wrong answer.
/// </summary>
internal static class KeyTags
{
    public static long TxidPrefix(Hash32 txid)
    {
        Span<byte> bytes = stackalloc byte[32];
        txid.CopyTo(bytes);
        return BinaryPrimitives.ReadInt64BigEndian(bytes);
    }

    /// <summary>FNV-1a over the whole key: address programs are hashes, but witness-unknown ones can be 2 bytes.</summary>
    public static long AddressTag(ReadOnlySpan<byte> key) => Fnv1a(key);

    /// <summary>FNV-1a over the UTF-8 bytes of <paramref name="text"/> (the audit log's subjects). Stored: it must not change.</summary>
    public static long TextTag(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var max = System.Text.Encoding.UTF8.GetMaxByteCount(text.Length);
        Span<byte> bytes = max <= 1024 ? stackalloc byte[max] : new byte[max];
        return Fnv1a(bytes[..System.Text.Encoding.UTF8.GetBytes(text, bytes)]);
    }

    private static long Fnv1a(ReadOnlySpan<byte> bytes)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in bytes)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }
}
