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
            "INSERT INTO utxo_txs (id, txid, txid_prefix, block_height, position, is_coinbase, size, vsize, fee, body) VALUES ($id, $txid, $prefix, $height, $pos, $cb, $size, $vsize, $fee, $body)",
            "$id", "$txid", "$prefix", "$height", "$pos", "$cb", "$size", "$vsize", "$fee", "$body");
        _findOutput = Prepare(connection, transaction,
            """
            SELECT t.body
            FROM utxo_txid_index x JOIN utxo_txs t ON t.id = x.tx_id
            WHERE x.prefix = $prefix AND t.txid = $txid
            ORDER BY t.id DESC
            """,
            "$prefix", "$txid");
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

    /// <summary>One row per transaction; its outputs and inputs go into the body blob, their addresses and spends into the lookup entries.</summary>
    public void InsertTransaction(long id, UtxoTransaction tx, long height)
    {
        var prefix = KeyTags.TxidPrefix(tx.TxId);
        var p = _tx.Parameters;
        p[0].Value = id;
        p[1].Value = tx.TxId.ToArray();
        p[2].Value = prefix;
        p[3].Value = height;
        p[4].Value = tx.Position;
        p[5].Value = tx.IsCoinbase ? 1L : 0L;
        p[6].Value = tx.Size;
        p[7].Value = tx.VSize;
        p[8].Value = tx.Fee is { } fee ? fee : DBNull.Value;
        p[9].Value = TxBody.Encode(tx);
        _tx.ExecuteNonQuery();
        TxidEntries.Add(prefix, id);
        foreach (var output in tx.Outputs)
        {
            if (output.AddressKey is { } key)
            {
                AddressEntries.Add(KeyTags.AddressTag(key), id);
            }
        }

        foreach (var input in tx.Inputs)
        {
            if (input.AddressKey is { } key)
            {
                AddressEntries.Add(KeyTags.AddressTag(key), id);
            }

            if (!tx.IsCoinbase && input.Source != PrevoutSource.Coinbase)
            {
                SpendEntries.Add(KeyTags.TxidPrefix(input.PrevOut.TxId), id);
            }
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
        p[0].Value = KeyTags.TxidPrefix(prevOut.TxId);
        p[1].Value = prevOut.TxId.ToArray();
        using var reader = _findOutput.ExecuteReader();
        while (reader.Read())
        {
            // A BIP-30 duplicate may lack the index an older copy has: take the newest copy that has it.
            if (TxBody.ReadOutput((byte[])reader.GetValue(0), prevOut.Index) is { } output)
            {
                return output;
            }
        }

        return null;
    }

    public void Dispose()
    {
        _block.Dispose();
        _tx.Dispose();
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
