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
    private readonly RawStatement _block;
    private readonly RawStatement _tx;
    private readonly RawStatement _txidIndex;
    private readonly RawStatement _addressTx;
    private readonly RawStatement _spend;

    public UtxoRowWriter(SqliteConnection connection)
    {
        _block = new RawStatement(connection,
            "INSERT INTO blocks (chain, height, hash, prev_hash, time, tx_count, bits) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
        _tx = new RawStatement(connection,
            "INSERT INTO utxo_txs (id, txid, txid_prefix, block_height, position, is_coinbase, size, vsize, fee, body) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10)");
        _txidIndex = new RawStatement(connection, "INSERT OR IGNORE INTO utxo_txid_index (prefix, tx_id) VALUES (?1, ?2)");
        _addressTx = new RawStatement(connection, "INSERT OR IGNORE INTO utxo_address_txs (addr_tag, tx_id) VALUES (?1, ?2)");
        _spend = new RawStatement(connection, "INSERT OR IGNORE INTO utxo_spends (prev_prefix, tx_id) VALUES (?1, ?2)");
    }

    public void InsertBlock(Chain chain, BlockHeader header, int txCount)
    {
        Span<byte> hash = stackalloc byte[32];
        _block.Bind(1, (long)chain);
        _block.Bind(2, header.Height);
        header.Hash.CopyTo(hash);
        _block.Bind(3, hash);
        header.PreviousHash.CopyTo(hash);
        _block.Bind(4, hash);
        _block.Bind(5, header.Time.ToUnixTimeSeconds());
        _block.Bind(6, txCount);
        if (header.Bits is { } bits)
        {
            _block.Bind(7, (long)bits);
        }
        else
        {
            _block.BindNull(7);
        }

        _block.Execute();
    }

    /// <summary>One row per transaction; its outputs and inputs go into the body blob, their addresses and spends into the lookup entries.</summary>
    public void InsertTransaction(long id, UtxoTransaction tx, long height)
    {
        Span<byte> txid = stackalloc byte[32];
        tx.TxId.CopyTo(txid);
        var prefix = KeyTags.TxidPrefix(tx.TxId);
        _tx.Bind(1, id);
        _tx.Bind(2, txid);
        _tx.Bind(3, prefix);
        _tx.Bind(4, height);
        _tx.Bind(5, tx.Position);
        _tx.Bind(6, tx.IsCoinbase ? 1L : 0L);
        _tx.Bind(7, tx.Size);
        _tx.Bind(8, tx.VSize);
        if (tx.Fee is { } fee)
        {
            _tx.Bind(9, fee);
        }
        else
        {
            _tx.BindNull(9);
        }

        _tx.Bind(10, TxBody.Encode(tx));
        _tx.Execute();
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

    public void Dispose()
    {
        _block.Dispose();
        _tx.Dispose();
        _txidIndex.Dispose();
        _addressTx.Dispose();
        _spend.Dispose();
    }

    private static void Flush(RawStatement statement, LookupEntries entries)
    {
        foreach (var (tag, txId) in entries.Sorted())
        {
            statement.Bind(1, tag);
            statement.Bind(2, txId);
            statement.Execute();
        }
    }
}
