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
            SELECT t.body, t.block_height, b.hash, b.time, t.position, t.is_coinbase, t.size, t.vsize, t.fee
            FROM utxo_txid_index x JOIN utxo_txs t ON t.id = x.tx_id JOIN blocks b ON b.chain = $chain AND b.height = t.block_height
            WHERE x.prefix = $prefix AND t.txid = $txid
            ORDER BY t.id DESC LIMIT 1
            """;
        command.Parameters.AddWithValue("$chain", (long)Chain.Btc);
        command.Parameters.AddWithValue("$prefix", KeyTags.TxidPrefix(txId));
        command.Parameters.AddWithValue("$txid", txId.ToArray());
        byte[] body;
        Func<IReadOnlyList<UtxoInputView>, IReadOnlyList<UtxoOutputView>, UtxoTransactionView> build;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                return null;
            }

            body = (byte[])reader.GetValue(0);
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

        var inputViews = TxBody.ReadInputs(body)
            .Select(i => new UtxoInputView(i.Index, i.PrevOut, i.AddressKey is { } key ? RenderAddress(key, net) : null, i.Value, i.Source))
            .ToList();
        var spentBy = await ReadSpentByAsync(connection, transaction, txId, cancellationToken).ConfigureAwait(false);
        var outputViews = TxBody.ReadOutputs(body)
            .Select(o => new UtxoOutputView(
                o.Index, o.Value, o.Kind, o.AddressKey is { } key ? RenderAddress(key, net) : null,
                spentBy.TryGetValue((uint)o.Index, out var spender) ? spender : null))
            .ToList();
        return build(inputViews, outputViews);
    }

    /// <summary>Spending input of each output of <paramref name="txId"/>, the earliest stored spend when several claim one.</summary>
    private static async Task<Dictionary<uint, OutPoint>> ReadSpentByAsync(
        SqliteConnection connection, SqliteTransaction transaction, Hash32 txId, CancellationToken cancellationToken)
    {
        var spentBy = new Dictionary<uint, OutPoint>();
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = """
            SELECT t.txid, t.body
            FROM utxo_spends s JOIN utxo_txs t ON t.id = s.tx_id
            WHERE s.prev_prefix = $prefix
            ORDER BY t.id
            """;
        command.Parameters.AddWithValue("$prefix", KeyTags.TxidPrefix(txId));
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var spender = new Hash32((byte[])reader.GetValue(0));
            foreach (var input in TxBody.ReadInputs((byte[])reader.GetValue(1)))
            {
                if (input.PrevOut.TxId == txId)
                {
                    spentBy.TryAdd(input.PrevOut.Index, new OutPoint(spender, (uint)input.Index));
                }
            }
        }

        return spentBy;
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
