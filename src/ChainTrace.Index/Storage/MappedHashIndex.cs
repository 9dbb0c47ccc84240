namespace ChainTrace.Index.Storage;

/// <summary>
/// A persisted open-addressing hash index from 64-bit tags to dense ids (the key → id maps of the read model), in a
/// memory-mapped file of <c>capacity</c> slots holding <c>id + 1</c> (0 = empty). It is derived data that stays valid
/// across appends, cut-backs and crashes without being rebuilt on open: the owner says which ids exist
/// (<c>live</c>) and what tag each has (<c>tagOf</c>), and a slot whose id is not live, or whose id's tag is not the
/// one probed for, is passed over as a tombstone. So cutting the arrays back (a rollback, or undoing a half-written
/// batch) needs nothing here; a later insert reuses those slots. The file is rebuilt at twice the size only when
/// 70% full (about twice the ids once, amortized; 1.4–2.9 slots of 4 bytes per id), into a temporary file renamed
/// over the old one.
/// </summary>
public sealed class MappedHashIndex : IDisposable
{
    private const long MinCapacity = 1 << 12;
    private readonly string _path;
    private readonly Func<int, ulong> _tagOf;
    private MappedArray<int> _slots;
    private long _used;

    public MappedHashIndex(string path, Func<int, ulong> tagOf, int live)
    {
        ArgumentNullException.ThrowIfNull(tagOf);
        _path = path;
        _tagOf = tagOf;
        var existing = File.Exists(path) ? new FileInfo(path).Length / sizeof(int) : 0;
        if (existing < MinCapacity || (existing & (existing - 1)) != 0)
        {
            _slots = Build(path, Math.Max(MinCapacity, NextPowerOfTwo(2L * live)), live);
        }
        else
        {
            _slots = new MappedArray<int>(path, existing);
        }

        for (long s = 0; s < _slots.Count; s++)
        {
            _used += _slots[s] != 0 ? 1 : 0;
        }
    }

    public long Capacity => _slots.Count;

    public long ContentBytes => _slots.ContentBytes;

    /// <summary>The first live id with <paramref name="tag"/> (the newest of several), -1 when none.</summary>
    public int Find(ulong tag, int live)
    {
        var slot = Start(tag);
        return Next(ref slot, tag, live);
    }

    /// <summary>Where the probe for <paramref name="tag"/> starts (pass to <see cref="Next"/>).</summary>
    public long Start(ulong tag) => (long)(Mix(tag) & ((ulong)_slots.Count - 1));

    /// <summary>The next live id with <paramref name="tag"/> from <paramref name="slot"/> on (moved past it), -1 at the end of the probe.</summary>
    public int Next(ref long slot, ulong tag, int live)
    {
        var mask = _slots.Count - 1;
        for (; ; slot = (slot + 1) & mask)
        {
            var value = _slots[slot];
            if (value == 0)
            {
                return -1;
            }

            var id = value - 1;
            if (id < live && _tagOf(id) == tag)
            {
                slot = (slot + 1) & mask;
                return id;
            }
        }
    }

    /// <summary>
    /// Adds <paramref name="id"/> (the next id: ids below it are live) under <paramref name="tag"/>. With
    /// <paramref name="replace"/>, a live id of the same tag is replaced (the tag is the key: a later copy wins).
    /// </summary>
    public void Add(ulong tag, int id, bool replace = false)
    {
        if ((_used + 1) * 10 > _slots.Count * 7)
        {
            Grow(id);
        }

        var mask = (ulong)_slots.Count - 1;
        long reusable = -1;
        for (var s = Mix(tag) & mask; ; s = (s + 1) & mask)
        {
            var slot = _slots[(long)s];
            if (slot == 0)
            {
                if (reusable < 0)
                {
                    _used++;
                    reusable = (long)s;
                }

                _slots[reusable] = id + 1;
                return;
            }

            var existing = slot - 1;
            var live = existing < id;
            if (live && replace && _tagOf(existing) == tag)
            {
                _slots[(long)s] = id + 1;
                return;
            }

            if (reusable < 0 && !live)
            {
                reusable = (long)s;
            }
        }
    }

    public void AppendTo(System.Security.Cryptography.IncrementalHash hash) => _slots.AppendTo(hash);

    public void Flush() => _slots.Flush();

    public void Dispose() => _slots.Dispose();

    private void Grow(int live)
    {
        _slots.Dispose();
        var temporary = _path + ".tmp";
        Build(temporary, Math.Max(MinCapacity, NextPowerOfTwo(2L * (live + 1))), live).Dispose();

        File.Move(temporary, _path, overwrite: true);
        _slots = new MappedArray<int>(_path, new FileInfo(_path).Length / sizeof(int));
        _used = 0;
        for (long s = 0; s < _slots.Count; s++)
        {
            _used += _slots[s] != 0 ? 1 : 0;
        }
    }

    /// <summary>A fresh table of <paramref name="capacity"/> slots holding ids 0..live-1, newest first so that of two ids with one tag the later is found first.</summary>
    private MappedArray<int> Build(string path, long capacity, int live)
    {
        using (var stream = new FileStream(path, FileMode.Create, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            stream.SetLength(capacity * sizeof(int));
        }

        var slots = new MappedArray<int>(path, capacity);
        var mask = (ulong)capacity - 1;
        for (var id = live - 1; id >= 0; id--)
        {
            var s = Mix(_tagOf(id)) & mask;
            while (slots[(long)s] != 0)
            {
                s = (s + 1) & mask;
            }

            slots[(long)s] = id + 1;
        }

        return slots;
    }

    private static ulong Mix(ulong tag)
    {
        var z = unchecked(tag + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return z ^ (z >> 31);
    }

    private static long NextPowerOfTwo(long value)
    {
        long power = 1;
        while (power < value)
        {
            power <<= 1;
        }

        return power;
    }
}
