using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Queries;
using ChainTrace.Core.Utxo;
using ChainTrace.Storage.Sqlite.Utxo;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite;

public sealed partial class SqliteGraphStore
{
    public async Task<UtxoTransactionView?> GetTransactionAsync(Hash32 txId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: true);
        var network = await ReadNetworkAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
        if (network is not { } net)
        {
            return null;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT t.id, t.block_height, b.hash, b.time, t.position, t.is_coinbase, t.size, t.vsize, t.fee
            FROM utxo_txid_index x JOIN utxo_txs t ON t.id = x.tx_id JOIN blocks b ON b.chain = $chain AND b.height = t.block_height
            WHERE x.prefix = $prefix AND t.txid = $txid
            ORDER BY t.id DESC LIMIT 1
            """;
        command.Parameters.AddWithValue("$chain", (long)Chain.Btc);
        command.Parameters.AddWithValue("$prefix", KeyTags.TxidPrefix(txId));
        command.Parameters.AddWithValue("$txid", txId.ToArray());
        long rowId;
        Func<IReadOnlyList<UtxoInputView>, IReadOnlyList<UtxoOutputView>, UtxoTransactionView> build;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            rowId = reader.GetInt64(0);
            var height = reader.GetInt64(1);
            var blockHash = new Hash32((byte[])reader.GetValue(2));
            var time = DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(3));
            var position = reader.GetInt32(4);
            var coinbase = reader.GetInt64(5) != 0;
            var size = reader.GetInt32(6);
            var vsize = reader.GetInt32(7);
            long? fee = reader.IsDBNull(8) ? null : reader.GetInt64(8);
            build = (inputs, outputs) => new UtxoTransactionView(txId, height, blockHash, time, position, coinbase, size, vsize, fee, inputs, outputs);
        }

        var inputViews = await ReadInputViewsAsync(connection, transaction, rowId, net, cancellationToken).ConfigureAwait(false);
        var outputViews = await ReadOutputViewsAsync(connection, transaction, rowId, txId, net, cancellationToken).ConfigureAwait(false);
        return build(inputViews, outputViews);
    }

    private static async Task<List<UtxoInputView>> ReadInputViewsAsync(
        SqliteConnection connection, SqliteTransaction transaction, long rowId, Network network, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT idx, prev_txid, prev_index, addr_key, value, source FROM utxo_inputs WHERE tx_id = $id ORDER BY idx";
        command.Parameters.AddWithValue("$id", rowId);
        var inputs = new List<UtxoInputView>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            inputs.Add(new UtxoInputView(
                reader.GetInt32(0),
                new OutPoint(new Hash32((byte[])reader.GetValue(1)), (uint)reader.GetInt64(2)),
                reader.IsDBNull(3) ? null : RenderAddress((byte[])reader.GetValue(3), network),
                reader.IsDBNull(4) ? null : reader.GetInt64(4),
                (PrevoutSource)reader.GetInt64(5)));
        }

        return inputs;
    }

    private static async Task<List<UtxoOutputView>> ReadOutputViewsAsync(
        SqliteConnection connection, SqliteTransaction transaction, long rowId, Hash32 txId, Network network, CancellationToken cancellationToken)
    {
        var spentBy = new Dictionary<uint, OutPoint>();
        await using (var spends = connection.CreateCommand())
        {
            spends.Transaction = transaction;
            spends.CommandText = """
                SELECT i.prev_index, t.txid, i.idx
                FROM utxo_spends s JOIN utxo_inputs i ON i.tx_id = s.tx_id JOIN utxo_txs t ON t.id = i.tx_id
                WHERE s.prev_prefix = $prefix AND i.prev_txid = $txid
                ORDER BY i.tx_id
                """;
            spends.Parameters.AddWithValue("$prefix", KeyTags.TxidPrefix(txId));
            spends.Parameters.AddWithValue("$txid", txId.ToArray());
            await using var reader = await spends.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                spentBy.TryAdd((uint)reader.GetInt64(0), new OutPoint(new Hash32((byte[])reader.GetValue(1)), (uint)reader.GetInt64(2)));
            }
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT idx, value, kind, addr_key FROM utxo_outputs WHERE tx_id = $id ORDER BY idx";
        command.Parameters.AddWithValue("$id", rowId);
        var outputs = new List<UtxoOutputView>();
        await using var rows = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await rows.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var index = rows.GetInt32(0);
            outputs.Add(new UtxoOutputView(
                index,
                rows.GetInt64(1),
                (OutputKind)rows.GetInt64(2),
                rows.IsDBNull(3) ? null : RenderAddress((byte[])rows.GetValue(3), network),
                spentBy.TryGetValue((uint)index, out var spender) ? spender : null));
        }

        return outputs;
    }

    private static async Task<Network?> ReadNetworkAsync(SqliteConnection connection, SqliteTransaction transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT network FROM chain_networks WHERE chain = $chain";
        command.Parameters.AddWithValue("$chain", (long)Chain.Btc);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long network ? (Network)network : null;
    }

    /// <summary>Keys come from sources; one that does not form a valid address is shown as no address, not an error.</summary>
    private static BtcAddress? RenderAddress(byte[] key, Network network)
    {
        try
        {
            return BtcAddressKey.ToAddress(key, network);
        }
        catch (ArgumentException)
        {
            return null;
        }
        catch (AddressFormatException)
        {
            return null;
        }
    }
}
