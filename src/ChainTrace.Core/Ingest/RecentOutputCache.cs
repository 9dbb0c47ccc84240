using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Core.Ingest;

/// <summary>
/// Outputs of recently written transactions (most spends are of recent outputs), so the resolution stage asks the
/// store only for the rest. Bounded by two generations: when the young one is full it becomes the old one and the
/// previous old one is dropped.
/// </summary>
internal sealed class RecentOutputCache(int generationSize)
{
    private Dictionary<Hash32, SpentOutput[]> _young = new(generationSize);
    private Dictionary<Hash32, SpentOutput[]> _old = [];

    public bool TryGet(Hash32 txid, out SpentOutput[] outputs) =>
        _young.TryGetValue(txid, out outputs!) || _old.TryGetValue(txid, out outputs!);

    public void Add(Hash32 txid, SpentOutput[] outputs)
    {
        if (_young.Count >= generationSize)
        {
            _old = _young;
            _young = new Dictionary<Hash32, SpentOutput[]>(generationSize);
        }

        _young[txid] = outputs;
    }

    public void Clear()
    {
        _young = new Dictionary<Hash32, SpentOutput[]>(generationSize);
        _old = [];
    }
}
