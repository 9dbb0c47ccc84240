using ChainTrace.Core.Utxo;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite.Utxo;

/// <summary>
/// One batch's contribution to <c>utxo_address_totals</c>: accumulated in memory per address as transactions are
/// written, then added to the stored rows in key order (sorted upserts touch neighbouring B-tree pages).
/// </summary>
internal sealed class AddressTotals
{
    private const string UpsertSql = """
        INSERT INTO utxo_address_totals (addr_key, tx_count, received, sent, unknown_inputs, first_height, last_height)
        VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)
        ON CONFLICT (addr_key) DO UPDATE SET
            tx_count = tx_count + excluded.tx_count,
            received = received + excluded.received,
            sent = sent + excluded.sent,
            unknown_inputs = unknown_inputs + excluded.unknown_inputs,
            first_height = min(first_height, excluded.first_height),
            last_height = max(last_height, excluded.last_height)
        """;

    private readonly Dictionary<byte[], Entry> _entries = new(KeyComparer.Instance);
    private long _sequence;

    public int Count => _entries.Count;

    public void Add(UtxoTransaction tx, long height) => Add(tx.Outputs, tx.Inputs, height);

    public void Add(IReadOnlyList<UtxoOutput> outputs, IReadOnlyList<UtxoInput> inputs, long height)
    {
        var sequence = ++_sequence;
        for (var i = 0; i < outputs.Count; i++)
        {
            if (outputs[i].AddressKey is { } key)
            {
                Touch(key, sequence, height).Received += outputs[i].Value;
            }
        }

        for (var i = 0; i < inputs.Count; i++)
        {
            var input = inputs[i];
            if (input.AddressKey is { } key)
            {
                var entry = Touch(key, sequence, height);
                entry.Sent += input.Value ?? 0;
                entry.UnknownInputs += input.Value is null ? 1 : 0;
            }
        }
    }

    /// <summary>Adds the batch to the stored totals (inside the connection's open transaction) and forgets it.</summary>
    public void Flush(SqliteConnection connection)
    {
        if (_entries.Count == 0)
        {
            return;
        }

        var keys = _entries.Keys.ToArray();
        Array.Sort(keys, KeyComparer.Instance);
        using var upsert = new RawStatement(connection, UpsertSql);
        foreach (var key in keys)
        {
            var e = _entries[key];
            upsert.Bind(1, key);
            upsert.Bind(2, e.TxCount);
            upsert.Bind(3, e.Received);
            upsert.Bind(4, e.Sent);
            upsert.Bind(5, e.UnknownInputs);
            upsert.Bind(6, e.FirstHeight);
            upsert.Bind(7, e.LastHeight);
            upsert.Execute();
        }

        _entries.Clear();
    }

    private Entry Touch(byte[] key, long sequence, long height)
    {
        if (!_entries.TryGetValue(key, out var entry))
        {
            entry = new Entry { FirstHeight = height, LastHeight = height };
            _entries.Add(key, entry);
        }

        if (entry.Sequence != sequence)
        {
            entry.Sequence = sequence;
            entry.TxCount++;
        }

        entry.FirstHeight = Math.Min(entry.FirstHeight, height);
        entry.LastHeight = Math.Max(entry.LastHeight, height);
        return entry;
    }

    private sealed class Entry
    {
        public long Sequence { get; set; }

        public long TxCount { get; set; }

        public long Received { get; set; }

        public long Sent { get; set; }

        public long UnknownInputs { get; set; }

        public long FirstHeight { get; set; }

        public long LastHeight { get; set; }
    }
}
