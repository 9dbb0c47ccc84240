using System.Globalization;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;
using ChainTrace.Storage.Sqlite.Utxo;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite;

public sealed partial class SqliteGraphStore
{
    public async Task<WriteResult> WriteBlocksAsync(IReadOnlyList<UtxoBlock> blocks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Count == 0)
        {
            return WriteResult.Empty;
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return WriteBatch(blocks, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    /// <summary>
    /// The whole batch is one SQLite transaction: blocks stay all-or-nothing with their header rows, and an
    /// error anywhere in the batch leaves the store as it was before it. Inputs are written as given (the
    /// resolution stage ran before); each transaction's txid prefix goes into the txid filter before the commit.
    /// </summary>
    private WriteResult WriteBatch(IReadOnlyList<UtxoBlock> blocks, CancellationToken cancellationToken)
    {
        ForgetCachesIfAnotherWriterCommitted();
        using var transaction = _writer.BeginTransaction(deferred: false);
        var filter = EnsureFilter(transaction, blocks.Sum(b => (long)b.Transactions.Count));
        using var rows = new UtxoRowWriter(_writer);
        var totals = new AddressTotals();
        var context = new BatchContext(rows, filter, NextTxId(transaction), ReadNetwork(transaction, Chain.Btc), totals);

        var result = WriteResult.Empty;
        foreach (var block in blocks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result = result.Add(WriteBlock(transaction, block, context));
        }

        rows.FlushLookups();
        totals.Flush(_writer);
        transaction.Commit();
        _filterThrough = context.NextTxId - 1;
        return result;
    }

    private WriteResult WriteBlock(SqliteTransaction transaction, UtxoBlock block, BatchContext context)
    {
        var header = block.Header;
        var location = string.Create(CultureInfo.InvariantCulture, $"{header.Chain.ToCode()} block {header.Height} {header.Hash}");
        if (header.Chain != Chain.Btc)
        {
            throw new MalformedDataException(location, $"the UTXO store holds btc blocks, this block is of chain {header.Chain.ToCode()}");
        }

        if (context.Network is { } network && network != block.Network)
        {
            throw new IngestConflictException(
                $"{location} is a {block.Network.ToCode()} block but this store holds {network.ToCode()} btc data; use a separate data directory per network");
        }

        var stored = ReadStoredHash(transaction, header.Chain, header.Height);
        if (stored is { } existing)
        {
            if (existing == header.Hash)
            {
                return new WriteResult(0, 1, 0, 0);
            }

            throw new IngestConflictException(
                $"{location} refused: height {header.Height} already holds block {existing}; roll back to {header.Height - 1} first");
        }

        if (ReadStoredHash(transaction, header.Chain, header.Height - 1) is { } parent && parent != header.PreviousHash)
        {
            throw new IngestConflictException(
                $"{location} refused: its previous hash {header.PreviousHash} does not match the stored block {parent} at height {header.Height - 1}; roll back first");
        }

        Validate(block, location);
        if (context.Network is null)
        {
            InsertNetwork(transaction, header.Chain, block.Network);
            context.Network = block.Network;
        }

        context.Rows.InsertBlock(header.Chain, header, block.Transactions.Count);
        foreach (var tx in block.Transactions)
        {
            context.Rows.InsertTransaction(context.NextTxId++, tx, header.Height);
            context.Totals.Add(tx, header.Height);
            context.Filter.Add(KeyTags.TxidPrefix(tx.TxId));
        }

        return new WriteResult(1, 0, block.Transactions.Count, 0);
    }

    private static void Validate(UtxoBlock block, string location)
    {
        for (var t = 0; t < block.Transactions.Count; t++)
        {
            var tx = block.Transactions[t];
            if (tx.Position != t)
            {
                throw new MalformedDataException(location, $"transaction {t} ({tx.TxId}) has position {tx.Position}");
            }

            for (var i = 0; i < tx.Inputs.Count; i++)
            {
                var input = tx.Inputs[i];
                if (input.Index != i)
                {
                    throw new MalformedDataException(location, $"transaction {tx.TxId} input {i} has index {input.Index}");
                }

                if (input.Value is < 0)
                {
                    throw new MalformedDataException(location, $"transaction {tx.TxId} input {i} has negative value {input.Value}");
                }
            }

            for (var o = 0; o < tx.Outputs.Count; o++)
            {
                var output = tx.Outputs[o];
                if (output.Index != o)
                {
                    throw new MalformedDataException(location, $"transaction {tx.TxId} output {o} has index {output.Index}");
                }

                if (output.Value < 0)
                {
                    throw new MalformedDataException(location, $"transaction {tx.TxId} output {o} has negative value {output.Value}");
                }
            }
        }
    }

    private void ForgetCachesIfAnotherWriterCommitted()
    {
        var version = ReadDataVersion();
        if (version != _dataVersion)
        {
            // Another process wrote: its rows may be above our filter's mark, or it rebuilt the filter file.
            _filter?.Dispose();
            _filter = null;
            _dataVersion = version;
        }
    }

    private long NextTxId(SqliteTransaction transaction)
    {
        using var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT coalesce(max(id), 0) + 1 FROM utxo_txs";
        return (long)command.ExecuteScalar()!;
    }

    private Network? ReadNetwork(SqliteTransaction transaction, Chain chain)
    {
        using var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT network FROM chain_networks WHERE chain = $chain";
        command.Parameters.AddWithValue("$chain", (long)chain);
        return command.ExecuteScalar() is long network ? (Network)network : null;
    }

    private void InsertNetwork(SqliteTransaction transaction, Chain chain, Network network)
    {
        using var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "INSERT INTO chain_networks (chain, network) VALUES ($chain, $network)";
        command.Parameters.AddWithValue("$chain", (long)chain);
        command.Parameters.AddWithValue("$network", (long)network);
        command.ExecuteNonQuery();
    }

    private Hash32? ReadStoredHash(SqliteTransaction transaction, Chain chain, long height)
    {
        using var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT hash FROM blocks WHERE chain = $chain AND height = $height";
        command.Parameters.AddWithValue("$chain", (long)chain);
        command.Parameters.AddWithValue("$height", height);
        return command.ExecuteScalar() is byte[] hash ? new Hash32(hash) : null;
    }

    private sealed class BatchContext(UtxoRowWriter rows, TxidFilter filter, long nextTxId, Network? network, AddressTotals totals)
    {
        public AddressTotals Totals { get; } = totals;

        public UtxoRowWriter Rows { get; } = rows;

        public TxidFilter Filter { get; } = filter;

        public long NextTxId { get; set; } = nextTxId;

        public Network? Network { get; set; } = network;
    }
}
