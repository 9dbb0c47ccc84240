using ChainTrace.Core.Chains;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite.Utxo;

/// <summary>
/// Prepared statements for one write transaction, reused for every row of the batch: binding values to a
/// prepared statement is most of the cost of an insert, parsing SQL per row would double it.
/// </summary>
internal sealed class UtxoRowWriter : IDisposable
{
    private readonly SqliteCommand _block;
    private readonly SqliteCommand _tx;
    private readonly SqliteCommand _output;
    private readonly SqliteCommand _input;
    private readonly SqliteCommand _findOutput;
    private readonly SqliteCommand _txidIndex;
    private readonly SqliteCommand _addressTx;
    private readonly SqliteCommand _spend;

    public UtxoRowWriter(SqliteConnection connection, SqliteTransaction transaction)
    {
        _block = Prepare(connection, transaction,
            "INSERT INTO blocks (chain, height, hash, prev_hash, time, tx_count) VALUES ($chain, $height, $hash, $prev, $time, $count)",
            "$chain", "$height", "$hash", "$prev", "$time", "$count");
        _tx = Prepare(connection, transaction,
            "INSERT INTO utxo_txs (id, txid, txid_prefix, block_height, position, is_coinbase, size, vsize, fee) VALUES ($id, $txid, $prefix, $height, $pos, $cb, $size, $vsize, $fee)",
            "$id", "$txid", "$prefix", "$height", "$pos", "$cb", "$size", "$vsize", "$fee");
        _output = Prepare(connection, transaction,
            "INSERT INTO utxo_outputs (tx_id, idx, value, kind, addr_key, addr_tag) VALUES ($tx, $idx, $value, $kind, $key, $tag)",
            "$tx", "$idx", "$value", "$kind", "$key", "$tag");
        _input = Prepare(connection, transaction,
            "INSERT INTO utxo_inputs (tx_id, idx, prev_txid, prev_index, prev_prefix, addr_key, addr_tag, value, prev_kind, source) VALUES ($tx, $idx, $ptxid, $pidx, $pprefix, $key, $tag, $value, $kind, $source)",
            "$tx", "$idx", "$ptxid", "$pidx", "$pprefix", "$key", "$tag", "$value", "$kind", "$source");
        _findOutput = Prepare(connection, transaction,
            """
            SELECT o.value, o.kind, o.addr_key
            FROM utxo_txid_index x JOIN utxo_txs t ON t.id = x.tx_id JOIN utxo_outputs o ON o.tx_id = t.id AND o.idx = $idx
            WHERE x.prefix = $prefix AND t.txid = $txid
            ORDER BY t.id DESC LIMIT 1
            """,
            "$idx", "$prefix", "$txid");
        _txidIndex = Prepare(connection, transaction, "INSERT OR IGNORE INTO utxo_txid_index (prefix, tx_id) VALUES ($tag, $tx)", "$tag", "$tx");
        _addressTx = Prepare(connection, transaction, "INSERT OR IGNORE INTO utxo_address_txs (addr_tag, tx_id) VALUES ($tag, $tx)", "$tag", "$tx");
        _spend = Prepare(connection, transaction, "INSERT OR IGNORE INTO utxo_spends (prev_prefix, tx_id) VALUES ($tag, $tx)", "$tag", "$tx");
    }

    public void InsertBlock(Chain chain, BlockHeader header, int txCount)
    {
        var p = _block.Parameters;
        p[0].Value = (long)chain;
        p[1].Value = header.Height;
        p[2].Value = header.Hash.ToArray();
        p[3].Value = header.PreviousHash.ToArray();
        p[4].Value = header.Time.ToUnixTimeSeconds();
        p[5].Value = txCount;
        _block.ExecuteNonQuery();
    }

    public void InsertTransaction(long id, UtxoTransaction tx, long height)
    {
        var p = _tx.Parameters;
        p[0].Value = id;
        p[1].Value = tx.TxId.ToArray();
        p[2].Value = KeyTags.TxidPrefix(tx.TxId);
        p[3].Value = height;
        p[4].Value = tx.Position;
        p[5].Value = tx.IsCoinbase ? 1L : 0L;
        p[6].Value = tx.Size;
        p[7].Value = tx.VSize;
        p[8].Value = tx.Fee is { } fee ? fee : DBNull.Value;
        _tx.ExecuteNonQuery();
        TxidEntries.Add((long)p[2].Value!, id);
    }

    public void InsertOutput(long txRowId, UtxoOutput output)
    {
        var p = _output.Parameters;
        p[0].Value = txRowId;
        p[1].Value = output.Index;
        p[2].Value = output.Value;
        p[3].Value = (long)output.Kind;
        SetAddress(p[4], p[5], output.AddressKey);
        _output.ExecuteNonQuery();
        if (output.AddressKey is not null)
        {
            AddressEntries.Add((long)p[5].Value!, txRowId);
        }
    }

    public void InsertInput(long txRowId, UtxoInput input, bool spendsNothing)
    {
        var p = _input.Parameters;
        p[0].Value = txRowId;
        p[1].Value = input.Index;
        p[2].Value = input.PrevOut.TxId.ToArray();
        p[3].Value = (long)input.PrevOut.Index;
        p[4].Value = spendsNothing ? DBNull.Value : KeyTags.TxidPrefix(input.PrevOut.TxId);
        SetAddress(p[5], p[6], input.AddressKey);
        p[7].Value = input.Value is { } value ? value : DBNull.Value;
        p[8].Value = input.PrevKind is { } kind ? (long)kind : DBNull.Value;
        p[9].Value = (long)input.Source;
        _input.ExecuteNonQuery();
        if (input.AddressKey is not null)
        {
            AddressEntries.Add((long)p[6].Value!, txRowId);
        }

        if (!spendsNothing)
        {
            SpendEntries.Add((long)p[4].Value!, txRowId);
        }
    }

    public LookupEntries TxidEntries { get; } = new();

    public LookupEntries AddressEntries { get; } = new();

    public LookupEntries SpendEntries { get; } = new();

    /// <summary>Writes the batch's lookup entries, each table in key order.</summary>
    public void FlushLookups()
    {
        Flush(_txidIndex, TxidEntries);
        Flush(_addressTx, AddressEntries);
        Flush(_spend, SpendEntries);
    }

    /// <summary>
    /// A committed output a prevout names. Outputs of the current batch are not in the lookup tables until
    /// <see cref="FlushLookups"/>; the caller finds those in its own staging map.
    /// </summary>
    public CachedOutput? FindOutput(OutPoint prevOut)
    {
        var p = _findOutput.Parameters;
        p[0].Value = (long)prevOut.Index;
        p[1].Value = KeyTags.TxidPrefix(prevOut.TxId);
        p[2].Value = prevOut.TxId.ToArray();
        using var reader = _findOutput.ExecuteReader();
        if (!reader.Read())
        {
            return null;
        }

        return new CachedOutput(reader.GetInt64(0), (OutputKind)reader.GetInt64(1), reader.IsDBNull(2) ? null : (byte[])reader.GetValue(2));
    }

    public void Dispose()
    {
        _block.Dispose();
        _tx.Dispose();
        _output.Dispose();
        _input.Dispose();
        _findOutput.Dispose();
        _txidIndex.Dispose();
        _addressTx.Dispose();
        _spend.Dispose();
    }

    private static void Flush(SqliteCommand command, LookupEntries entries)
    {
        var p = command.Parameters;
        foreach (var (tag, txId) in entries.Sorted())
        {
            p[0].Value = tag;
            p[1].Value = txId;
            command.ExecuteNonQuery();
        }
    }

    private static void SetAddress(SqliteParameter key, SqliteParameter tag, byte[]? addressKey)
    {
        if (addressKey is null)
        {
            key.Value = DBNull.Value;
            tag.Value = DBNull.Value;
        }
        else
        {
            key.Value = addressKey;
            tag.Value = KeyTags.AddressTag(addressKey);
        }
    }

    private static SqliteCommand Prepare(SqliteConnection connection, SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }
}
