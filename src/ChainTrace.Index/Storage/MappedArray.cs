using System.IO.MemoryMappedFiles;
using System.Runtime.CompilerServices;

namespace ChainTrace.Index.Storage;

/// <summary>
/// A growable array of fixed-size elements in a memory-mapped file: a restart maps it again instead of
/// rebuilding, and the chain need not fit in RAM. The logical <see cref="Count"/> is kept by the caller's manifest,
/// not in the file, so cutting back (a rollback) or ignoring a half-written append is setting the count. The file
/// grows by doubling; growing remaps.
/// </summary>
public sealed unsafe class MappedArray<T> : IDisposable
    where T : unmanaged
{
    private const long MinCapacity = 4096;
    private readonly string _path;
    private MemoryMappedFile? _file;
    private MemoryMappedViewAccessor? _view;
    private T* _data;
    private long _capacity;

    public MappedArray(string path, long count)
    {
        _path = path;
        var existing = File.Exists(path) ? new FileInfo(path).Length / sizeof(T) : 0;
        if (existing < count)
        {
            throw new InvalidDataException($"{path}: holds {existing} elements, the manifest says {count}");
        }

        Count = count;
        Map(Math.Max(existing, MinCapacity));
    }

    public long Count { get; private set; }

    public string Path => _path;

    /// <summary>Bytes the logical content takes (what a full copy would need).</summary>
    public long ContentBytes => Count * sizeof(T);

    public ref T this[long index]
    {
        [MethodImpl(MethodImplOptions.AggressiveInlining)]
        get
        {
            if ((ulong)index >= (ulong)Count)
            {
                throw new ArgumentOutOfRangeException(nameof(index), index, $"{System.IO.Path.GetFileName(_path)} has {Count} elements");
            }

            return ref _data[index];
        }
    }

    public ReadOnlySpan<T> Slice(long start, int length)
    {
        if (start < 0 || length < 0 || start + length > Count)
        {
            throw new ArgumentOutOfRangeException(nameof(start), start, $"{System.IO.Path.GetFileName(_path)} has {Count} elements");
        }

        return new ReadOnlySpan<T>(_data + start, length);
    }

    /// <summary>Feeds the content bytes to <paramref name="hash"/> (in chunks: the content may exceed 2 GB).</summary>
    public void AppendTo(System.Security.Cryptography.IncrementalHash hash)
    {
        ArgumentNullException.ThrowIfNull(hash);
        const int Chunk = 1 << 20;
        for (long start = 0; start < Count; start += Chunk)
        {
            var length = (int)Math.Min(Chunk, Count - start);
            hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(new ReadOnlySpan<T>(_data + start, length)));
        }
    }

    public long Add(T value)
    {
        if (Count == _capacity)
        {
            Map(_capacity * 2);
        }

        _data[Count] = value;
        return Count++;
    }

    public void AddRange(ReadOnlySpan<T> values)
    {
        while (Count + values.Length > _capacity)
        {
            Map(_capacity * 2);
        }

        values.CopyTo(new Span<T>(_data + Count, values.Length));
        Count += values.Length;
    }

    /// <summary>Cuts back to <paramref name="count"/> elements (the rest is garbage to be overwritten).</summary>
    public void Truncate(long count)
    {
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        ArgumentOutOfRangeException.ThrowIfGreaterThan(count, Count);
        Count = count;
    }

    /// <summary>Sets the logical count to a value the file already covers (recovery of a pending write).</summary>
    internal void Reveal(long count)
    {
        if (count > _capacity)
        {
            Map(count);
        }

        Count = count;
    }

    public void Flush() => _view?.Flush();

    /// <summary>Unmaps and trims the file to the content (growth doubles the file; the bytes past the count are spare room).</summary>
    public void Dispose()
    {
        Unmap();
        if (File.Exists(_path))
        {
            using var stream = new FileStream(_path, FileMode.Open, FileAccess.ReadWrite, FileShare.ReadWrite);
            stream.SetLength(Math.Max(Count, 1) * sizeof(T));
        }
    }

    private void Map(long capacity)
    {
        Unmap();
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(_path)!);
        using (var stream = new FileStream(_path, FileMode.OpenOrCreate, FileAccess.ReadWrite, FileShare.ReadWrite))
        {
            if (stream.Length < capacity * sizeof(T))
            {
                stream.SetLength(capacity * sizeof(T));
            }
        }

        _file = MemoryMappedFile.CreateFromFile(_path, FileMode.Open, null, 0, MemoryMappedFileAccess.ReadWrite);
        _view = _file.CreateViewAccessor(0, 0, MemoryMappedFileAccess.ReadWrite);
        byte* pointer = null;
        _view.SafeMemoryMappedViewHandle.AcquirePointer(ref pointer);
        _data = (T*)(pointer + _view.PointerOffset);
        _capacity = capacity;
    }

    private void Unmap()
    {
        if (_view is not null)
        {
            _view.Flush();
            _view.SafeMemoryMappedViewHandle.ReleasePointer();
            _view.Dispose();
            _view = null;
        }

        _file?.Dispose();
        _file = null;
        _data = null;
    }
}
