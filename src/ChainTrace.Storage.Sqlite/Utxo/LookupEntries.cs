namespace ChainTrace.Storage.Sqlite.Utxo;

/// <summary>(tag, tx row id) pairs of one lookup table, gathered over a batch and inserted sorted at its end.</summary>
internal sealed class LookupEntries
{
    private readonly List<(long Tag, long TxId)> _entries = [];

    public void Add(long tag, long txId) => _entries.Add((tag, txId));

    /// <summary>Sorted by key, duplicates (two outputs of one transaction paying one address) removed.</summary>
    public IEnumerable<(long Tag, long TxId)> Sorted()
    {
        _entries.Sort();
        for (var i = 0; i < _entries.Count; i++)
        {
            if (i == 0 || _entries[i] != _entries[i - 1])
            {
                yield return _entries[i];
            }
        }
    }
}
