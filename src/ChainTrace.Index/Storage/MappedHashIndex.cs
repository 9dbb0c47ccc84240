namespace ChainTrace.Index.Storage;

/// <summary>
/// A persisted open-addressing hash index from 64-bit tags to dense ids (the key → id maps of the read model), in a
/// memory-mapped file of <c>capacity</c> slots holding <c>id + 1</c> (0 = empty). It is derived data that stays valid
/// across appends, cut-backs and crashes without being rebuilt on open: the owner says which ids exist
/// (<c>live</c>) and what tag each has (<c>tagOf</c>), and a slot whose id is not live, or whose id's tag is not the
/// one probed for, is passed over as a tombstone. So cutting the arrays back (a rollback, or undoing a half-written
/// batch) needs nothing here; a later insert reuses those slots. A tag's probe starts at its mixed hash scaled to
/// the capacity (any capacity, not only powers of two), so the file is rebuilt only when 80% full, at 1/0.6 slots per
/// live id (1.25–1.67 slots of 4 bytes per id; about three rebuilds of all ids per ten-fold growth), into a
/// temporary file renamed over the old one.
/// </summary>
public sealed class MappedHashIndex : IDisposable
{
    private const long MinCapacity = 1 << 12;
    private const long MaxLoadTenths = 8;
    private const long GrownLoadTenths = 6;
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
        if (existing < MinCapacity || existing * MaxLoadTenths < 10L * live)
        {
            _slots = Build(path, CapacityFor(live), live);
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
    public long Start(ulong tag) => Scale(Mix(tag), _slots.Count);

    /// <summary>The next live id with <paramref name="tag"/> from <paramref name="slot"/> on (moved past it), -1 at the end of the probe.</summary>
    public int Next(ref long slot, ulong tag, int live)
    {
        var capacity = _slots.Count;
        for (; ; slot = Step(slot, capacity))
        {
            var value = _slots[slot];
            if (value == 0)
            {
                return -1;
            }

            var id = value - 1;
            if (id < live && _tagOf(id) == tag)
            {
                slot = Step(slot, capacity);
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
        if ((_used + 1) * 10 > _slots.Count * MaxLoadTenths)
        {
            Grow(id);
        }

        var capacity = _slots.Count;
        long reusable = -1;
        for (var s = Start(tag); ; s = Step(s, capacity))
        {
            var slot = _slots[s];
            if (slot == 0)
            {
                if (reusable < 0)
                {
                    _used++;
                    reusable = s;
                }

                _slots[reusable] = id + 1;
                return;
            }

            var existing = slot - 1;
            var live = existing < id;
            if (live && replace && _tagOf(existing) == tag)
            {
                _slots[s] = id + 1;
                return;
            }

            if (reusable < 0 && !live)
            {
                reusable = s;
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
        Build(temporary, CapacityFor(live + 1), live).Dispose();

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
        for (var id = live - 1; id >= 0; id--)
        {
            var s = Scale(Mix(_tagOf(id)), capacity);
            while (slots[s] != 0)
            {
                s = Step(s, capacity);
            }

            slots[s] = id + 1;
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

    /// <summary>Slots for <paramref name="live"/> ids right after a rebuild (at 60% load).</summary>
    private static long CapacityFor(long live) => Math.Max(MinCapacity, (live * 10 / GrownLoadTenths) + 1);

    /// <summary>A 64-bit hash scaled onto 0..capacity-1 (the high word of the product).</summary>
    private static long Scale(ulong hash, long capacity) => (long)Math.BigMul(hash, (ulong)capacity, out _);

    private static long Step(long slot, long capacity) => slot + 1 == capacity ? 0 : slot + 1;
}
