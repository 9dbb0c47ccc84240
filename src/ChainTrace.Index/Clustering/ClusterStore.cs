using System.Security.Cryptography;
using ChainTrace.Core.Clustering;
using ChainTrace.Index.Storage;

namespace ChainTrace.Index.Clustering;

/// <summary>
/// A chain's persisted clusters: the union-find arrays (parent and size per address id), every link with its
/// evidence, and the guard's reviews, as mapped arrays under <c>clusters/</c>. Links are appended in transaction
/// order, so the clusters of a shorter chain are a replay of a prefix (by transaction id) of the links.
/// </summary>
public sealed class ClusterStore : IDisposable
{
    private readonly string _statePath;
    private readonly MappedArray<int> _parents;
    private readonly MappedArray<int> _sizes;
    private readonly MappedArray<ClusterLink> _links;
    private readonly MappedArray<ClusterReview> _reviews;
    private readonly MappedArray<ClusterBlock> _blocks;

    private ClusterStore(string directory, ClusterStateFile state)
    {
        Directory = directory;
        _statePath = Path.Combine(directory, "state.json");
        State = state;
        _parents = new MappedArray<int>(Path.Combine(directory, "parents.bin"), state.Pending ? 0 : state.Addresses);
        _sizes = new MappedArray<int>(Path.Combine(directory, "sizes.bin"), state.Pending ? 0 : state.Addresses);
        _links = new MappedArray<ClusterLink>(Path.Combine(directory, "links.bin"), state.Links);
        _reviews = new MappedArray<ClusterReview>(Path.Combine(directory, "reviews.bin"), state.Reviews);
        _blocks = new MappedArray<ClusterBlock>(Path.Combine(directory, "blocks.bin"), state.Blocks);
        Forest = LoadForest();
        if (state.Pending)
        {
            Replay();
            Commit();
        }
    }

    public string Directory { get; }

    public ClusterStateFile State { get; }

    /// <summary>The union-find in memory (loaded from the arrays; written back by <see cref="Commit"/>).</summary>
    public ClusterForest Forest { get; private set; }

    public long LinkCount => _links.Count;

    public long ReviewCount => _reviews.Count;

    public int BlockCount => (int)_blocks.Count;

    public ClusterBlock Block(int index) => _blocks[index];

    public void AddBlock(ClusterBlock block) => _blocks.Add(block);

    public long ContentBytes => _parents.ContentBytes + _sizes.ContentBytes + _links.ContentBytes + _reviews.ContentBytes;

    public static ClusterStore Open(string directory)
    {
        System.IO.Directory.CreateDirectory(directory);
        var state = ClusterStateFile.Load(Path.Combine(directory, "state.json")) ?? new ClusterStateFile();
        return new ClusterStore(directory, state);
    }

    public ClusterLink Link(long index) => _links[index];

    public ClusterReview Review(long index) => _reviews[index];

    public void SetReview(long index, ClusterReview review) => _reviews[index] = review;

    /// <summary>Marks the start of an update: until <see cref="Commit"/>, a crash means "replay the committed links".</summary>
    public void Begin()
    {
        State.Pending = true;
        State.Save(_statePath);
    }

    public void AddLink(ClusterLink link) => _links.Add(link);

    public long AddReview(ClusterReview review) => _reviews.Add(review);

    /// <summary>Forgets blocks from <paramref name="blockCount"/> on: drops their links and reviews and rebuilds the forest from the links kept.</summary>
    public void CutBack(int blockCount)
    {
        if (blockCount >= BlockCount)
        {
            return;
        }

        var transactions = blockCount == 0 ? 0 : _blocks[blockCount - 1].TxEnd;
        var addresses = blockCount == 0 ? 0 : _blocks[blockCount - 1].AddressEnd;
        _blocks.Truncate(blockCount);
        Compact(_links, l => l.Tx < transactions);
        Compact(_reviews, r => r.Tx < transactions);
        State.Transactions = Math.Min(State.Transactions, transactions);
        State.Addresses = Math.Min(State.Addresses, addresses);
        Replay();
    }

    /// <summary>Starts over (another policy, or the read model was rebuilt).</summary>
    public void Reset(string policy)
    {
        _links.Truncate(0);
        _reviews.Truncate(0);
        _blocks.Truncate(0);
        State.Transactions = 0;
        State.Addresses = 0;
        State.Height = -1;
        State.Policy = policy;
        Forest = new ClusterForest();
    }

    public void Commit()
    {
        Forest.Flatten();
        var parents = Forest.Parents;
        var sizes = Forest.Sizes;
        _parents.Truncate(Math.Min(_parents.Count, parents.Length));
        _sizes.Truncate(Math.Min(_sizes.Count, sizes.Length));
        for (var i = 0; i < parents.Length; i++)
        {
            if (i < _parents.Count)
            {
                _parents[i] = parents[i];
                _sizes[i] = sizes[i];
            }
            else
            {
                _parents.Add(parents[i]);
                _sizes.Add(sizes[i]);
            }
        }

        _parents.Flush();
        _sizes.Flush();
        _links.Flush();
        _reviews.Flush();
        _blocks.Flush();
        State.Blocks = _blocks.Count;
        State.Addresses = Forest.Count;
        State.Links = _links.Count;
        State.Reviews = _reviews.Count;
        State.Pending = false;
        State.Save(_statePath);
    }

    /// <summary>SHA-256 over the blocks seen, every address's cluster id, the links and the reviews: equal digests mean equal clusters and evidence.</summary>
    public string Digest()
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        Span<byte> word = stackalloc byte[4];
        for (var a = 0; a < Forest.Count; a++)
        {
            BitConverter.TryWriteBytes(word, Forest.Find(a));
            hash.AppendData(word);
        }

        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_blocks.Slice(0, (int)_blocks.Count)));
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_links.Slice(0, (int)_links.Count)));
        hash.AppendData(System.Runtime.InteropServices.MemoryMarshal.AsBytes(_reviews.Slice(0, (int)_reviews.Count)));
        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    public void Dispose()
    {
        _parents.Dispose();
        _sizes.Dispose();
        _links.Dispose();
        _reviews.Dispose();
        _blocks.Dispose();
    }

    private ClusterForest LoadForest()
    {
        var count = (int)_parents.Count;
        var parents = new int[Math.Max(16, count)];
        var sizes = new int[parents.Length];
        _parents.Slice(0, count).CopyTo(parents);
        _sizes.Slice(0, count).CopyTo(sizes);
        return new ClusterForest(parents, sizes, count);
    }

    private void Replay()
    {
        var forest = new ClusterForest(Math.Max(16, State.Addresses));
        forest.Grow(State.Addresses);
        for (long i = 0; i < _links.Count; i++)
        {
            var link = _links[i];
            forest.Grow(Math.Max(link.A, link.B) + 1);
            forest.Union(link.A, link.B);
        }

        Forest = forest;
    }

    private static void Compact<T>(MappedArray<T> array, Func<T, bool> keep)
        where T : unmanaged
    {
        long kept = 0;
        for (long i = 0; i < array.Count; i++)
        {
            var item = array[i];
            if (keep(item))
            {
                array[kept++] = item;
            }
        }

        array.Truncate(kept);
    }
}
