using System.Buffers.Binary;

namespace ChainTrace.Index.Storage;

/// <summary>
/// Dense address ids in order of first appearance, with each address's key bytes (a Bitcoin store key or 20
/// Ethereum bytes) in a mapped blob. The key → id map is a persisted hash index (<c>address_index.bin</c>) over
/// 64-bit tags of the keys (address programs are hashes, so their bytes are uniform), so opening maps it instead of
/// rebuilding it; every candidate is checked against the stored bytes, so tag collisions cost a probe, never a wrong id.
/// Where each key starts is two-level (about 2.1 bytes per address instead of 8): the start of every 64th key in
/// <c>address_chunks.bin</c> and, per address, its distance from that start in <c>address_offsets.bin</c> (16 bits:
/// 64 keys of at most <see cref="MaxKeyLength"/> bytes).
/// </summary>
public sealed class AddressTable : IDisposable
{
    /// <summary>The longest key (a Bitcoin key is at most 42 bytes, an Ethereum one 20).</summary>
    public const int MaxKeyLength = 1000;
    private const int ChunkShift = 6;
    private const int ChunkMask = (1 << ChunkShift) - 1;
    private readonly MappedArray<long> _chunks;
    private readonly MappedArray<ushort> _offsets;
    private readonly MappedArray<byte> _keys;
    private readonly MappedHashIndex _index;

    public AddressTable(string directory, long count, long keyBytes)
    {
        _chunks = new MappedArray<long>(System.IO.Path.Combine(directory, "address_chunks.bin"), (count + ChunkMask) >> ChunkShift);
        _offsets = new MappedArray<ushort>(System.IO.Path.Combine(directory, "address_offsets.bin"), count);
        _keys = new MappedArray<byte>(System.IO.Path.Combine(directory, "address_keys.bin"), keyBytes);
        _index = new MappedHashIndex(System.IO.Path.Combine(directory, "address_index.bin"), id => Tag(Key(id)), (int)count);
    }

    public int Count => (int)_offsets.Count;

    public long KeyBytes => _keys.Count;

    public long ContentBytes => _chunks.ContentBytes + _offsets.ContentBytes + _keys.ContentBytes;

    /// <summary>Bytes of the persisted key → id index (apart from the content: it is derived, and sized for a low load).</summary>
    public long IndexBytes => _index.ContentBytes;

    public ReadOnlySpan<byte> Key(int id)
    {
        var start = Start(id);
        var end = id + 1 < _offsets.Count ? Start(id + 1) : _keys.Count;
        return _keys.Slice(start, (int)(end - start));
    }

    public int Find(ReadOnlySpan<byte> key)
    {
        var tag = Tag(key);
        var slot = _index.Start(tag);
        for (var id = _index.Next(ref slot, tag, Count); id >= 0; id = _index.Next(ref slot, tag, Count))
        {
            if (Key(id).SequenceEqual(key))
            {
                return id;
            }
        }

        return -1;
    }

    /// <summary>The id of <paramref name="key"/>, adding it when new.</summary>
    public int GetOrAdd(ReadOnlySpan<byte> key)
    {
        var found = Find(key);
        if (found >= 0)
        {
            return found;
        }

        if (key.Length > MaxKeyLength)
        {
            throw new ArgumentException($"address key of {key.Length} bytes; at most {MaxKeyLength}", nameof(key));
        }

        var id = Count;
        if ((id & ChunkMask) == 0)
        {
            _chunks.Add(_keys.Count);
        }

        _offsets.Add((ushort)(_keys.Count - _chunks[id >> ChunkShift]));
        _keys.AddRange(key);
        _index.Add(Tag(key), id);
        return id;
    }

    /// <summary>Forgets the addresses from <paramref name="count"/> on (their index entries become tombstones by count alone).</summary>
    public void Truncate(int count)
    {
        if (count >= Count)
        {
            return;
        }

        var keyBytes = Start(count);
        _offsets.Truncate(count);
        _chunks.Truncate((count + ChunkMask) >> ChunkShift);
        _keys.Truncate(keyBytes);
    }

    public void AppendTo(System.Security.Cryptography.IncrementalHash hash)
    {
        _chunks.AppendTo(hash);
        _offsets.AppendTo(hash);
        _keys.AppendTo(hash);
    }

    public void Flush()
    {
        _chunks.Flush();
        _offsets.Flush();
        _keys.Flush();
        _index.Flush();
    }

    public void Dispose()
    {
        _index.Dispose();
        _chunks.Dispose();
        _offsets.Dispose();
        _keys.Dispose();
    }

    private long Start(int id) => _chunks[id >> ChunkShift] + _offsets[id];

    private static ulong Tag(ReadOnlySpan<byte> key)
    {
        Span<byte> padded = stackalloc byte[8];
        padded.Clear();
        var start = key.Length > 8 ? 1 : 0;
        key.Slice(start, Math.Min(8, key.Length - start)).CopyTo(padded);
        var head = key.Length > 0 ? key[0] : (byte)0;
        return BinaryPrimitives.ReadUInt64LittleEndian(padded) ^ ((ulong)head << 56) ^ ((ulong)key.Length << 48);
    }
}
