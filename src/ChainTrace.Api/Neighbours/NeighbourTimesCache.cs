using ChainTrace.Core.Queries;

namespace ChainTrace.Api.Neighbours;

/// <summary>
/// The neighbour times of recently expanded addresses, per (address key, direction), valid for one state of the read
/// model (its fingerprint: tip height and hash, transaction count): when that moves, every entry is dropped, since
/// new blocks can add neighbours and widen spans of any address. Bounded by the neighbours held (an entry weighs one
/// plus its neighbours), least recently used out first; an answer heavier than the bound is not kept.
/// </summary>
public sealed class NeighbourTimesCache(long capacity)
{
    /// <summary>About 20 MB of neighbour entries.</summary>
    public const long DefaultCapacity = 100_000;

    private readonly Lock _gate = new();
    private readonly Dictionary<(string Key, FlowDirection Direction), LinkedListNode<Entry>> _entries = [];
    private readonly LinkedList<Entry> _recent = [];
    private string? _fingerprint;
    private long _weight;

    public long Weight
    {
        get
        {
            lock (_gate)
            {
                return _weight;
            }
        }
    }

    public bool TryGet(string fingerprint, string key, FlowDirection direction, out NeighbourTimes? times)
    {
        lock (_gate)
        {
            times = null;
            if (fingerprint != _fingerprint || !_entries.TryGetValue((key, direction), out var node))
            {
                return false;
            }

            _recent.Remove(node);
            _recent.AddFirst(node);
            times = node.Value.Times;
            return true;
        }
    }

    public void Add(string fingerprint, string key, FlowDirection direction, NeighbourTimes? times)
    {
        var weight = 1L + (times?.ByKey.Count ?? 0);
        lock (_gate)
        {
            if (fingerprint != _fingerprint)
            {
                _entries.Clear();
                _recent.Clear();
                _weight = 0;
                _fingerprint = fingerprint;
            }

            if (weight > capacity || _entries.ContainsKey((key, direction)))
            {
                return;
            }

            while (_weight + weight > capacity && _recent.Last is { } oldest)
            {
                _entries.Remove((oldest.Value.Key, oldest.Value.Direction));
                _recent.RemoveLast();
                _weight -= oldest.Value.Weight;
            }

            _entries[(key, direction)] = _recent.AddFirst(new Entry(key, direction, times, weight));
            _weight += weight;
        }
    }

    private sealed record Entry(string Key, FlowDirection Direction, NeighbourTimes? Times, long Weight);
}
