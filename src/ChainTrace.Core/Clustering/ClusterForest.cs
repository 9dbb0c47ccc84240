namespace ChainTrace.Core.Clustering;

/// <summary>
/// Union-find over dense address ids. The root of a set is always its lowest id, so a cluster's id is the
/// lowest address id in it whatever order the links came in (deterministic ids), and an absorbed id still
/// finds its survivor. Path halving keeps finds short; the arrays are the persisted state.
/// </summary>
public sealed class ClusterForest
{
    private int[] _parent;
    private int[] _size;

    public ClusterForest(int capacity = 1024)
    {
        _parent = new int[Math.Max(16, capacity)];
        _size = new int[_parent.Length];
    }

    /// <summary>Takes over persisted arrays (parents and sizes of the first <paramref name="count"/> ids).</summary>
    public ClusterForest(int[] parent, int[] size, int count)
    {
        ArgumentNullException.ThrowIfNull(parent);
        ArgumentNullException.ThrowIfNull(size);
        if (parent.Length < count || size.Length < count)
        {
            throw new ArgumentException("arrays shorter than the count", nameof(count));
        }

        _parent = parent;
        _size = size;
        Count = count;
    }

    public int Count { get; private set; }

    public ReadOnlySpan<int> Parents => _parent.AsSpan(0, Count);

    public ReadOnlySpan<int> Sizes => _size.AsSpan(0, Count);

    /// <summary>Adds singletons up to <paramref name="count"/> ids.</summary>
    public void Grow(int count)
    {
        if (count <= Count)
        {
            return;
        }

        if (count > _parent.Length)
        {
            var capacity = Math.Max(count, _parent.Length * 2);
            Array.Resize(ref _parent, capacity);
            Array.Resize(ref _size, capacity);
        }

        for (var i = Count; i < count; i++)
        {
            _parent[i] = i;
            _size[i] = 1;
        }

        Count = count;
    }

    public int Find(int id)
    {
        var parent = _parent;
        while (parent[id] != id)
        {
            var grand = parent[parent[id]];
            parent[id] = grand;
            id = grand;
        }

        return id;
    }

    public int SizeOf(int id) => _size[Find(id)];

    /// <summary>Joins the sets of <paramref name="a"/> and <paramref name="b"/>; false when they were one already.</summary>
    public bool Union(int a, int b)
    {
        var ra = Find(a);
        var rb = Find(b);
        if (ra == rb)
        {
            return false;
        }

        var (root, child) = ra < rb ? (ra, rb) : (rb, ra);
        _parent[child] = root;
        _size[root] += _size[child];
        return true;
    }

    /// <summary>Points every id straight at its root (what is persisted, so readers need no find).</summary>
    public void Flatten()
    {
        for (var i = 0; i < Count; i++)
        {
            _parent[i] = _parent[_parent[i]];
        }
    }
}
