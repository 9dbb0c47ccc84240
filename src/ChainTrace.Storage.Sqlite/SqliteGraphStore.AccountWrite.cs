using System.Globalization;
using ChainTrace.Core.Account;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite;

public sealed partial class SqliteGraphStore
{
    /// <summary>
    /// The batch is one SQLite transaction: every block of it, with its header row (the progress marker), is
    /// written or none is. A refused block (hash or parent mismatch, other network) rolls back the whole batch.
    /// </summary>
    public async Task<WriteResult> WriteBlocksAsync(IReadOnlyList<AccountBlock> blocks, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(blocks);
        if (blocks.Count == 0)
        {
            return WriteResult.Empty;
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return WriteAccountBatch(blocks, cancellationToken);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private WriteResult WriteAccountBatch(IReadOnlyList<AccountBlock> blocks, CancellationToken cancellationToken)
    {
        using var transaction = _writer.BeginTransaction(deferred: false);
        var network = ReadNetwork(transaction, Chain.Eth);
        using var insertBlock = PreparedWrite(transaction,
            "INSERT INTO blocks (chain, height, hash, prev_hash, time, tx_count) VALUES ($chain, $height, $hash, $prev, $time, $count)",
            "$chain", "$height", "$hash", "$prev", "$time", "$count");
        using var insertTx = PreparedWrite(transaction,
            "INSERT INTO eth_transactions (hash, height, tx_index, from_addr, to_addr, created, value, succeeded, gas, gas_used, fee) " +
            "VALUES ($hash, $height, $index, $from, $to, $created, $value, $ok, $gas, $used, $fee)",
            "$hash", "$height", "$index", "$from", "$to", "$created", "$value", "$ok", "$gas", "$used", "$fee");
        using var insertTransfer = PreparedWrite(transaction,
            "INSERT INTO eth_transfers (height, tx_hash, kind, position, token, from_addr, to_addr, value) " +
            "VALUES ($height, $tx, $kind, $position, $token, $from, $to, $value)",
            "$height", "$tx", "$kind", "$position", "$token", "$from", "$to", "$value");
        using var insertUntraced = PreparedWrite(transaction, "INSERT INTO eth_untraced_blocks (height) VALUES ($height)", "$height");
        using var storedHash = PreparedWrite(transaction, "SELECT hash FROM blocks WHERE chain = $chain AND height = $height", "$chain", "$height");
        Hash32? HashAt(long height)
        {
            Bind(storedHash, (long)Chain.Eth, height);
            return storedHash.ExecuteScalar() is byte[] hash ? new Hash32(hash) : null;
        }

        int written = 0, skipped = 0;
        long transactions = 0;
        foreach (var block in blocks)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var header = block.Header;
            var location = string.Create(CultureInfo.InvariantCulture, $"eth block {header.Height} {header.Hash}");
            if (header.Chain != Chain.Eth)
            {
                throw new MalformedDataException(location, $"the account store holds eth blocks, this block is of chain {header.Chain.ToCode()}");
            }

            if (HashAt(header.Height) is { } existing)
            {
                if (existing == header.Hash)
                {
                    skipped++;
                    continue;
                }

                throw new IngestConflictException($"{location}: height {header.Height} is stored with hash {existing}; roll back first");
            }

            if (HashAt(header.Height - 1) is { } below && below != header.PreviousHash)
            {
                throw new IngestConflictException($"{location} has parent {header.PreviousHash}, but the stored block {header.Height - 1} is {below}; roll back first");
            }

            if (network is null)
            {
                network = block.Network;
                InsertNetwork(transaction, Chain.Eth, block.Network);
            }
            else if (network != block.Network)
            {
                throw new IngestConflictException($"{location} is a {block.Network.ToCode()} block but this store holds {network.Value.ToCode()} eth data; use a separate data directory per network");
            }

            Bind(insertBlock, (long)Chain.Eth, header.Height, header.Hash.ToArray(), header.PreviousHash.ToArray(), header.Time.ToUnixTimeSeconds(), (long)block.Transactions.Count);
            insertBlock.ExecuteNonQuery();
            if (!block.HasTraces)
            {
                Bind(insertUntraced, header.Height);
                insertUntraced.ExecuteNonQuery();
            }

            foreach (var tx in block.Transactions)
            {
                Bind(insertTx, tx.Hash.ToArray(), header.Height, (long)tx.Index, tx.From.KeyToArray(), tx.To?.KeyToArray(), tx.CreatedContract?.KeyToArray(),
                    tx.Value.ToBigEndianBytes(), tx.Succeeded is { } ok ? (ok ? 1L : 0L) : null, tx.Gas, tx.GasUsed, tx.Fee?.ToBigEndianBytes());
                try
                {
                    insertTx.ExecuteNonQuery();
                }
                catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
                {
                    // SQLITE_CONSTRAINT: the hash is the primary key. Bad data, reported as such; the batch rolls back.
                    throw new MalformedDataException(location, $"transaction {tx.Hash} is already stored in another block", ex);
                }
            }

            foreach (var t in block.Transfers)
            {
                Bind(insertTransfer, header.Height, t.TxHash?.ToArray(), (long)t.Kind, t.Position, t.Asset.Token?.KeyToArray(),
                    t.From.KeyToArray(), t.To.KeyToArray(), t.Value.ToBigEndianBytes());
                try
                {
                    insertTransfer.ExecuteNonQuery();
                }
                catch (SqliteException ex) when (ex.SqliteErrorCode == 19)
                {
                    throw new MalformedDataException(location, $"two {t.Kind.ToString().ToLowerInvariant()} transfers at position {t.Position} of transaction {t.TxHash}", ex);
                }
            }

            written++;
            transactions += block.Transactions.Count;
        }

        transaction.Commit();
        return new WriteResult(written, skipped, transactions, 0);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Every caller passes constant SQL; values are always bound parameters.")]
    private SqliteCommand PreparedWrite(SqliteTransaction transaction, string sql, params string[] names)
    {
        var command = _writer.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Bind(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
