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
    public static long AddressTag(ReadOnlySpan<byte> key)
    {
        var hash = 14695981039346656037UL;
        foreach (var b in key)
        {
            hash = (hash ^ b) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }
}
