using System.Buffers.Binary;

namespace ChainTrace.Index.Storage;

/// <summary>
/// Dense address ids in order of first appearance, with each address's key bytes (a Bitcoin store key or 20
/// Ethereum bytes) in a mapped blob. The key → id map is rebuilt in memory on open from 64-bit tags of the keys
/// (address programs are hashes, so their bytes are uniform); every hit is checked against the stored bytes and a
/// tag collision falls back to an exact map.
/// </summary>
public sealed class AddressTable : IDisposable
{
    private readonly MappedArray<long> _offsets;
    private readonly MappedArray<byte> _keys;
    private readonly Dictionary<ulong, int> _byTag = [];
    private readonly Dictionary<string, int> _collisions = [];

    public AddressTable(string directory, long count, long keyBytes)
    {
        _offsets = new MappedArray<long>(System.IO.Path.Combine(directory, "address_offsets.bin"), count);
        _keys = new MappedArray<byte>(System.IO.Path.Combine(directory, "address_keys.bin"), keyBytes);
        for (var id = 0; id < count; id++)
        {
            Register(Key(id), id);
        }
    }

    public int Count => (int)_offsets.Count;

    public long KeyBytes => _keys.Count;

    public long ContentBytes => _offsets.ContentBytes + _keys.ContentBytes;

    public ReadOnlySpan<byte> Key(int id)
    {
        var start = _offsets[id];
        var end = id + 1 < _offsets.Count ? _offsets[id + 1] : _keys.Count;
        return _keys.Slice(start, (int)(end - start));
    }

    public int Find(ReadOnlySpan<byte> key)
    {
        if (_byTag.TryGetValue(Tag(key), out var id) && Key(id).SequenceEqual(key))
        {
            return id;
        }

        return _collisions.Count > 0 && _collisions.TryGetValue(Convert.ToHexString(key), out id) ? id : -1;
    }

    /// <summary>The id of <paramref name="key"/>, adding it when new.</summary>
    public int GetOrAdd(ReadOnlySpan<byte> key)
    {
        var found = Find(key);
        if (found >= 0)
        {
            return found;
        }

        var id = Count;
        _offsets.Add(_keys.Count);
        _keys.AddRange(key);
        Register(key, id);
        return id;
    }

    /// <summary>Forgets the addresses from <paramref name="count"/> on.</summary>
    public void Truncate(int count)
    {
        if (count >= Count)
        {
            return;
        }

        for (var id = Count - 1; id >= count; id--)
        {
            var key = Key(id);
            if (_byTag.TryGetValue(Tag(key), out var at) && at == id)
            {
                _byTag.Remove(Tag(key));
            }
            else
            {
                _collisions.Remove(Convert.ToHexString(key));
            }
        }

        var keyBytes = _offsets[count];
        _offsets.Truncate(count);
        _keys.Truncate(keyBytes);
    }

    public void AppendTo(System.Security.Cryptography.IncrementalHash hash)
    {
        _offsets.AppendTo(hash);
        _keys.AppendTo(hash);
    }

    public void Flush()
    {
        _offsets.Flush();
        _keys.Flush();
    }

    public void Dispose()
    {
        _offsets.Dispose();
        _keys.Dispose();
    }

    private void Register(ReadOnlySpan<byte> key, int id)
    {
        if (!_byTag.TryAdd(Tag(key), id))
        {
            _collisions[Convert.ToHexString(key)] = id;
        }
    }

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
