using ChainTrace.Core.Account;
using ChainTrace.Core.Ports;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite.Account;

public sealed partial class SqliteAccountStore
{
    /// <summary>
    /// The batch is one SQLite transaction: every block of it, with its progress marker (the block row), is
    /// written or none is. A refused block (hash or parent mismatch, other network) rolls back the whole batch.
    /// </summary>
    public async Task<WriteResult> WriteBlocksAsync(IReadOnlyList<AccountBlock> blocks, CancellationToken cancellationToken)
    {
        if (blocks.Count == 0)
        {
            return WriteResult.Empty;
        }

        return await LockedAsync(async () =>
        {
            await using var transaction = _connection.BeginTransaction(deferred: false);
            var network = await NetworkInTransactionAsync(transaction, cancellationToken);
            await using var insertBlock = Prepared(
                "INSERT INTO eth_blocks (height, hash, parent_hash, time, network, has_traces) VALUES ($height, $hash, $parent, $time, $network, $traces)",
                transaction, "$height", "$hash", "$parent", "$time", "$network", "$traces");
            await using var insertTx = Prepared(
                "INSERT INTO eth_transactions (hash, height, tx_index, from_addr, to_addr, created, value, succeeded, gas, gas_used, fee) " +
                "VALUES ($hash, $height, $index, $from, $to, $created, $value, $ok, $gas, $used, $fee)",
                transaction, "$hash", "$height", "$index", "$from", "$to", "$created", "$value", "$ok", "$gas", "$used", "$fee");
            await using var insertTransfer = Prepared(
                "INSERT INTO eth_transfers (height, tx_hash, kind, position, token, from_addr, to_addr, value) " +
                "VALUES ($height, $tx, $kind, $position, $token, $from, $to, $value)",
                transaction, "$height", "$tx", "$kind", "$position", "$token", "$from", "$to", "$value");

            int written = 0, skipped = 0;
            long transactions = 0;
            foreach (var block in blocks)
            {
                var header = block.Header;
                if (await BlockHashAtAsync(header.Height, transaction, cancellationToken) is { } existing)
                {
                    if (existing == header.Hash)
                    {
                        skipped++;
                        continue;
                    }

                    throw new InvalidOperationException($"eth block {header.Height} is stored with hash {existing}, refusing {header.Hash}: roll back first");
                }

                if (await BlockHashAtAsync(header.Height - 1, transaction, cancellationToken) is { } below && below != header.PreviousHash)
                {
                    throw new InvalidOperationException($"eth block {header.Height} {header.Hash} has parent {header.PreviousHash}, but the stored block {header.Height - 1} is {below}: roll back first");
                }

                network ??= block.Network;
                if (block.Network != network)
                {
                    throw new InvalidOperationException($"eth block {header.Height} is from network {block.Network}, the store holds {network}");
                }

                Set(insertBlock, header.Height, header.Hash.ToArray(), header.PreviousHash.ToArray(), header.Time.ToUnixTimeSeconds(), (long)block.Network, block.HasTraces ? 1L : 0L);
                await insertBlock.ExecuteNonQueryAsync(cancellationToken);
                foreach (var tx in block.Transactions)
                {
                    Set(insertTx, tx.Hash.ToArray(), header.Height, (long)tx.Index, tx.From.KeyToArray(), tx.To?.KeyToArray(), tx.CreatedContract?.KeyToArray(),
                        tx.Value.ToBigEndianBytes(), tx.Succeeded is { } ok ? (ok ? 1L : 0L) : null, tx.Gas, tx.GasUsed, tx.Fee?.ToBigEndianBytes());
                    await insertTx.ExecuteNonQueryAsync(cancellationToken);
                }

                foreach (var t in block.Transfers)
                {
                    Set(insertTransfer, header.Height, t.TxHash?.ToArray(), (long)t.Kind, t.Position, t.Asset.Token?.KeyToArray(),
                        t.From.KeyToArray(), t.To.KeyToArray(), t.Value.ToBigEndianBytes());
                    await insertTransfer.ExecuteNonQueryAsync(cancellationToken);
                }

                written++;
                transactions += block.Transactions.Count;
            }

            await transaction.CommitAsync(cancellationToken);
            return new WriteResult(written, skipped, transactions, 0);
        }, cancellationToken);
    }

    private async Task<Core.Chains.Network?> NetworkInTransactionAsync(SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT network FROM eth_blocks ORDER BY height LIMIT 1", transaction);
        return await command.ExecuteScalarAsync(cancellationToken) is long n ? (Core.Chains.Network)n : null;
    }

    private SqliteCommand Prepared(string sql, SqliteTransaction transaction, params string[] names)
    {
        var command = Command(sql, transaction);
        foreach (var name in names)
        {
            command.Parameters.Add(new SqliteParameter { ParameterName = name });
        }

        command.Prepare();
        return command;
    }

    private static void Set(SqliteCommand command, params object?[] values)
    {
        for (var i = 0; i < values.Length; i++)
        {
            command.Parameters[i].Value = values[i] ?? DBNull.Value;
        }
    }
}
