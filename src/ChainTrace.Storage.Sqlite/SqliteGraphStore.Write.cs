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
    private const long MinFilterCapacity = 1 << 20;

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
    /// error anywhere in the batch leaves the store as it was before it.
    /// </summary>
    private WriteResult WriteBatch(IReadOnlyList<UtxoBlock> blocks, CancellationToken cancellationToken)
    {
        ForgetCachesIfAnotherWriterCommitted();
        var staged = new Dictionary<Hash32, CachedTx>();
        using var transaction = _writer.BeginTransaction(deferred: false);
        var filter = EnsureFilter(transaction, blocks.Sum(b => (long)b.Transactions.Count));
        using var rows = new UtxoRowWriter(_writer, transaction);
        var totals = new AddressTotals();
        var context = new BatchContext(rows, staged, filter, NextTxId(transaction), ReadNetwork(transaction, Chain.Btc), totals);

        var result = WriteResult.Empty;
        foreach (var block in blocks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            result = result.Add(WriteBlock(transaction, block, context));
        }

        rows.FlushLookups();
        totals.Flush(_writer);
        transaction.Commit();
        _recent.AddCommitted(staged);
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
        long resolved = 0;
        foreach (var tx in block.Transactions)
        {
            var rowId = context.NextTxId++;
            foreach (var input in tx.Inputs)
            {
                if (!tx.IsCoinbase && input.Source != PrevoutSource.Coinbase && input.Value is null && TryResolve(input, context))
                {
                    resolved++;
                }
            }

            context.Rows.InsertTransaction(rowId, tx, header.Height);
            context.Totals.Add(tx, header.Height);
            var outputs = new CachedOutput[tx.Outputs.Count];
            foreach (var output in tx.Outputs)
            {
                outputs[output.Index] = new CachedOutput(output.Value, output.Kind, output.AddressKey);
            }

            context.Staged[tx.TxId] = new CachedTx(rowId, outputs);
            context.Filter.Add(KeyTags.TxidPrefix(tx.TxId));
        }

        return new WriteResult(1, 0, block.Transactions.Count, resolved);
    }

    private bool TryResolve(UtxoInput input, BatchContext context)
    {
        var prevOut = input.PrevOut;
        CachedOutput? output;
        if (context.Staged.TryGetValue(prevOut.TxId, out var tx) || _recent.TryGet(prevOut.TxId, out tx))
        {
            output = prevOut.Index < (uint)tx.Outputs.Length ? tx.Outputs[prevOut.Index] : null;
        }
        else if (context.Filter.MayContain(KeyTags.TxidPrefix(prevOut.TxId)))
        {
            output = context.Rows.FindOutput(prevOut);
        }
        else
        {
            output = null;
        }

        if (output is not { } found)
        {
            return false;
        }

        input.Value = found.Value;
        input.AddressKey = found.AddressKey;
        input.PrevKind = found.Kind;
        input.Source = PrevoutSource.Store;
        return true;
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
            _recent.Clear();
            _filter = null;
            _dataVersion = version;
        }
    }

    private TxidFilter EnsureFilter(SqliteTransaction transaction, long incoming)
    {
        if (_filter is { } current && current.Count + incoming <= current.Capacity)
        {
            return current;
        }

        using var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT count(*) FROM utxo_txid_index";
        var stored = (long)command.ExecuteScalar()!;
        var filter = new TxidFilter(Math.Max(MinFilterCapacity, 2 * (stored + incoming)));
        command.CommandText = "SELECT prefix FROM utxo_txid_index";
        using (var reader = command.ExecuteReader())
        {
            while (reader.Read())
            {
                filter.Add(reader.GetInt64(0));
            }
        }

        _filter = filter;
        return filter;
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

    private sealed class BatchContext(UtxoRowWriter rows, Dictionary<Hash32, CachedTx> staged, TxidFilter filter, long nextTxId, Network? network, AddressTotals totals)
    {
        public AddressTotals Totals { get; } = totals;

        public UtxoRowWriter Rows { get; } = rows;

        public Dictionary<Hash32, CachedTx> Staged { get; } = staged;

        public TxidFilter Filter { get; } = filter;

        public long NextTxId { get; set; } = nextTxId;

        public Network? Network { get; set; } = network;
    }
}
