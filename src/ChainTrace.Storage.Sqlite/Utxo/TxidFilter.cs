using System.IO.MemoryMappedFiles;

namespace ChainTrace.Storage.Sqlite.Utxo;

/// <summary>
/// A Bloom filter over the 8-byte txid prefixes of the stored transactions, kept in a memory-mapped file beside the
/// database (<c>graph.db.txids</c>) so a restart maps it instead of scanning every transaction. Most prevouts of
/// sampled mainnet blocks are not in the store; the filter answers "surely absent" without a SQLite lookup. It has no
/// false negatives for the transactions up to <see cref="Covered"/> (the highest row id whose prefix it holds):
/// bits are set before the rows commit and the mark moves only after the bits are flushed, so a crash leaves a mark
/// at or below what the bits hold, and opening adds the rows above it. Removed rows only leave false positives.
/// Bit positions are 64-bit, so the filter is not capped at 2^31 bits (mainnet's ~1.1 billion transactions at 14 bits
/// each need ~15 billion).
/// </summary>
internal sealed unsafe class TxidFilter : IDisposable
{
    private const ulong Magic = 0x3130_4654_5854_5443; // "CTTXTF01"
    private const int HeaderBytes = 64;
    private const int HashCount = 6;
    private const int BitsPerEntry = 14;

    private readonly MemoryMappedFile _file;
    private readonly MemoryMappedViewAccessor _view;
    private readonly byte* _base;
    private readonly ulong* _header;
    private readonly ulong* _words;
    private readonly ulong _bits;

    private TxidFilter(string path, long capacity, bool create)
    {
        Path = path;
        var bits = (ulong)Math.Max(capacity, 1 << 16) * BitsPerEntry;
        var bytes = HeaderBytes + (long)((bits + 63) / 64 * 8);
        using (var stream = new FileStream(path, create ? FileMode.Create : FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            if (create)
            {
                stream.SetLength(bytes);
            }
            else
            {
                bytes = stream.Length;
            }
        }

        _file = MemoryMappedFile.CreateFromFile(path, FileMode.Open, null, 0, MemoryMappedFileAccess.ReadWrite);
        _view = _file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.ReadWrite);
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _base = pointer + _view.PointerOffset;
        _header = (ulong*)_base;
        _words = (ulong*)(_base + HeaderBytes);
        if (create)
        {
            _header[1] = (ulong)Math.Max(capacity, 1 << 16);
            _header[2] = bits;
            _header[3] = 0;
            _header[4] = 0;
            _header[0] = Magic;
        }

        _bits = _header[2];
        if (_header[0] != Magic || _bits == 0 || HeaderBytes + (long)((_bits + 63) / 64 * 8) > bytes)
        {
            Dispose();
            throw new InvalidDataException($"{path}: not a txid filter");
        }
    }

    public string Path { get; }

    /// <summary>Transactions the filter was sized for; past that its false-positive rate climbs and it is rebuilt larger.</summary>
    public long Capacity => (long)_header[1];

    /// <summary>Prefixes added (re-adds after a rollback included).</summary>
    public long Count => (long)_header[3];

    /// <summary>The highest transaction row id whose prefix the filter surely holds.</summary>
    public long Covered
    {
        get => (long)_header[4];
        set => _header[4] = (ulong)value;
    }

    public static TxidFilter Create(string path, long capacity) => new(path, capacity, create: true);

    /// <summary>The filter in <paramref name="path"/>, or null when it is missing or unreadable (the caller rebuilds it).</summary>
    public static TxidFilter? TryOpen(string path)
    {
        if (!File.Exists(path) || new FileInfo(path).Length < HeaderBytes)
        {
            return null;
        }

        try
        {
            return new TxidFilter(path, 0, create: false);
        }
        catch (InvalidDataException)
        {
            return null;
        }
    }

    public void Add(long prefix)
    {
        var (h1, h2) = Split(prefix);
        for (ulong i = 0; i < HashCount; i++)
        {
            var bit = (h1 + (i * h2)) % _bits;
            _words[bit >> 6] |= 1UL << (int)(bit & 63);
        }

        _header[3]++;
    }

    public bool MayContain(long prefix)
    {
        var (h1, h2) = Split(prefix);
        for (ulong i = 0; i < HashCount; i++)
        {
            var bit = (h1 + (i * h2)) % _bits;
            if ((_words[bit >> 6] & (1UL << (int)(bit & 63))) == 0)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>Writes the bits to the file (before <see cref="Covered"/> moves past them).</summary>
    public void Flush() => _view.Flush();

    public void Dispose()
    {
        _view.Flush();
        _view.SafeMemoryMappedViewHandle.ReleasePointer();
        _view.Dispose();
        _file.Dispose();
    }

    /// <summary>Txids are uniformly random, so the prefix serves as one base hash; a 64-bit mix of it as the other.</summary>
    private static (ulong H1, ulong H2) Split(long prefix)
    {
        var h1 = unchecked((ulong)prefix);
        var z = unchecked(h1 + 0x9E3779B97F4A7C15UL);
        z = unchecked((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9UL);
        z = unchecked((z ^ (z >> 27)) * 0x94D049BB133111EBUL);
        return (h1, (z ^ (z >> 31)) | 1);
    }
}
