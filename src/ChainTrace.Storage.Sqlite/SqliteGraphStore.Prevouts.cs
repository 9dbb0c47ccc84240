using ChainTrace.Core.Ports;
using ChainTrace.Core.Utxo;
using ChainTrace.Storage.Sqlite.Utxo;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite;

/// <summary>
/// The store's side of prevout resolution (<see cref="IPrevoutLookup"/>): stored outputs by outpoint, behind the
/// persisted txid filter (<see cref="TxidFilter"/>) that turns most misses into no query at all.
/// </summary>
public sealed partial class SqliteGraphStore
{
    private const long MinFilterCapacity = 1 << 20;

    /// <summary>The highest transaction row id whose prefix is surely in <see cref="_filter"/>.</summary>
    private long _filterThrough;

    private string FilterPath => DatabasePath + ".txids";

    public async Task<IReadOnlyDictionary<OutPoint, SpentOutput>> FindSpentOutputsAsync(IReadOnlyCollection<OutPoint> prevOuts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(prevOuts);
        var found = new Dictionary<OutPoint, SpentOutput>();
        if (prevOuts.Count == 0)
        {
            return found;
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            ForgetCachesIfAnotherWriterCommitted();
            using var transaction = _writer.BeginTransaction(deferred: true);
            var filter = EnsureFilter(transaction, incoming: 0);
            using var find = _writer.CreateCommand();
            find.Transaction = transaction;
            find.CommandText = """
                SELECT t.body
                FROM utxo_txid_index x JOIN utxo_txs t ON t.id = x.tx_id
                WHERE x.prefix = $prefix AND t.txid = $txid
                ORDER BY t.id DESC
                """;
            var prefix = find.Parameters.Add(new SqliteParameter { ParameterName = "$prefix" });
            var txid = find.Parameters.Add(new SqliteParameter { ParameterName = "$txid" });
            find.Prepare();
            foreach (var prevOut in prevOuts)
            {
                cancellationToken.ThrowIfCancellationRequested();
                var tag = KeyTags.TxidPrefix(prevOut.TxId);
                if (found.ContainsKey(prevOut) || !filter.MayContain(tag))
                {
                    continue;
                }

                prefix.Value = tag;
                txid.Value = prevOut.TxId.ToArray();
                using var reader = find.ExecuteReader();
                while (reader.Read())
                {
                    // A BIP-30 duplicate may lack the index an older copy has: take the newest copy that has it.
                    if (TxBody.ReadOutput((byte[])reader.GetValue(0), prevOut.Index) is { } output)
                    {
                        found[prevOut] = output;
                        break;
                    }
                }
            }

            return found;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// The txid filter, opened from its file and brought up to the stored rows (only those above its mark are read),
    /// or rebuilt from every row when missing or too small for <paramref name="incoming"/> more (doubling, so the
    /// full scans of a growing store add up to about twice its rows once).
    /// </summary>
    private TxidFilter EnsureFilter(SqliteTransaction transaction, long incoming)
    {
        LoadFilter();
        var maxId = ScalarLong(transaction, "SELECT coalesce(max(id), 0) FROM utxo_txs");
        if (_filter is { } stale && _filterThrough > maxId)
        {
            // Rows above the mark are gone (a database replaced under the filter): the ids will be reused.
            _filterThrough = maxId;
            stale.Covered = maxId;
        }

        if (_filter is { } current && current.Count + (maxId - _filterThrough) + incoming <= current.Capacity)
        {
            if (_filterThrough < maxId)
            {
                AddRows(current, transaction, _filterThrough);
                _filterThrough = maxId;
            }

            return current;
        }

        _filter?.Dispose();
        _filter = null;
        var stored = ScalarLong(transaction, "SELECT count(*) FROM utxo_txs");
        var temporary = FilterPath + ".tmp";
        var rebuilt = TxidFilter.Create(temporary, Math.Max(MinFilterCapacity, 2 * (stored + incoming)));
        AddRows(rebuilt, transaction, 0);
        rebuilt.Covered = maxId;
        rebuilt.Dispose();
        File.Move(temporary, FilterPath, overwrite: true);
        _filter = TxidFilter.TryOpen(FilterPath) ?? throw new InvalidDataException($"{FilterPath}: the rebuilt txid filter does not open");
        _filterThrough = maxId;
        return _filter;
    }

    /// <summary>Lowers the filter's persisted mark below the rows a rollback is about to remove (their ids get reused).</summary>
    private void LowerFilterMark(SqliteTransaction transaction, long height)
    {
        var firstRemoved = ScalarLong(transaction, "SELECT coalesce(min(id), 0) FROM utxo_txs WHERE block_height > $height", height);
        if (firstRemoved == 0)
        {
            return;
        }

        LoadFilter();
        _filterThrough = Math.Min(_filterThrough, firstRemoved - 1);
        if (_filter is { } filter)
        {
            filter.Covered = Math.Min(filter.Covered, firstRemoved - 1);
            filter.Flush();
        }
    }

    private void LoadFilter()
    {
        if (_filter is null)
        {
            _filter = TxidFilter.TryOpen(FilterPath);
            _filterThrough = _filter?.Covered ?? 0;
        }
    }

    /// <summary>On close: the bits of every row this instance wrote are in the file; move the mark up to them.</summary>
    private void SaveFilterMark()
    {
        if (_filter is not { } filter)
        {
            return;
        }

        filter.Flush();
        if (ReadDataVersion() == _dataVersion)
        {
            filter.Covered = Math.Max(filter.Covered, _filterThrough);
            filter.Flush();
        }

        filter.Dispose();
        _filter = null;
    }

    private void AddRows(TxidFilter filter, SqliteTransaction transaction, long aboveId)
    {
        using var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT txid_prefix FROM utxo_txs WHERE id > $id";
        command.Parameters.AddWithValue("$id", aboveId);
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            filter.Add(reader.GetInt64(0));
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Every caller passes constant SQL; values are always bound parameters.")]
    private long ScalarLong(SqliteTransaction transaction, string sql, long? height = null)
    {
        using var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        if (height is { } h)
        {
            command.Parameters.AddWithValue("$height", h);
        }

        return (long)command.ExecuteScalar()!;
    }
}
