using ChainTrace.Core.Primitives;

namespace ChainTrace.Storage.Sqlite.Utxo;

/// <summary>
/// Outputs of recently committed transactions (most spends are of recent outputs). Bounded by two
/// generations: when the young one is full it becomes the old one and the previous old one is dropped.
/// Holds committed rows only, so a rolled-back batch never leaves phantom outputs here.
/// </summary>
internal sealed class RecentOutputs(int generationSize)
{
    private Dictionary<Hash32, CachedTx> _young = new(generationSize);
    private Dictionary<Hash32, CachedTx> _old = [];

    public bool TryGet(Hash32 txid, out CachedTx tx) =>
        _young.TryGetValue(txid, out tx!) || _old.TryGetValue(txid, out tx!);

    public void AddCommitted(IEnumerable<KeyValuePair<Hash32, CachedTx>> batch)
    {
        foreach (var (txid, tx) in batch)
        {
            if (_young.Count >= generationSize)
            {
                _old = _young;
                _young = new Dictionary<Hash32, CachedTx>(generationSize);
            }

            _young[txid] = tx;
        }
    }

    public void Clear()
    {
        _young = new Dictionary<Hash32, CachedTx>(generationSize);
        _old = [];
    }
}
