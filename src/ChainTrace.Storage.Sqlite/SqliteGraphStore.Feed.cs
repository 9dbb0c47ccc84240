using System.Runtime.CompilerServices;
using ChainTrace.Core.Account;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;
using ChainTrace.Storage.Sqlite.Utxo;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite;

/// <summary>The stored blocks read back in order, for the compact read model (<see cref="IStoredBlockFeed"/>).</summary>
public sealed partial class SqliteGraphStore : IStoredBlockFeed
{
    public async IAsyncEnumerable<UtxoBlock> ReadUtxoBlocksAsync(long fromHeight, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: true);
        var network = await ReadNetworkAsync(connection, transaction, cancellationToken).ConfigureAwait(false) ?? Network.Main;
        await using var blocks = connection.CreateCommand();
        blocks.Transaction = transaction;
        blocks.CommandText = "SELECT height, hash, prev_hash, time FROM blocks WHERE chain = $chain AND height >= $from ORDER BY height";
        blocks.Parameters.AddWithValue("$chain", (long)Chain.Btc);
        blocks.Parameters.AddWithValue("$from", fromHeight);
        await using var txs = connection.CreateCommand();
        txs.Transaction = transaction;
        // In the height index's order (height, then row id): ORDER BY id alone made SQLite scan the whole table, so an
        // update of the read model by 1,000 blocks read every stored transaction.
        txs.CommandText = "SELECT block_height, txid, position, is_coinbase, size, vsize, body FROM utxo_txs WHERE block_height >= $from ORDER BY block_height, id";
        txs.Parameters.AddWithValue("$from", fromHeight);
        await using var blockReader = await blocks.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var txReader = await txs.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var hasTx = await txReader.ReadAsync(cancellationToken).ConfigureAwait(false);
        while (await blockReader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var height = blockReader.GetInt64(0);
            var header = ReadFeedHeader(blockReader, Chain.Btc);
            var list = new List<UtxoTransaction>();
            while (hasTx && txReader.GetInt64(0) == height)
            {
                var body = (byte[])txReader.GetValue(6);
                list.Add(new UtxoTransaction(new Hash32((byte[])txReader.GetValue(1)), txReader.GetInt32(2), txReader.GetInt64(3) != 0,
                    txReader.GetInt32(4), txReader.GetInt32(5), TxBody.ReadInputs(body), TxBody.ReadOutputs(body)));
                hasTx = await txReader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }

            yield return new UtxoBlock(header, network, list);
        }
    }

    public async IAsyncEnumerable<StoredTransfers> ReadAccountBlocksAsync(long fromHeight, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: true);
        await using var blocks = connection.CreateCommand();
        blocks.Transaction = transaction;
        blocks.CommandText = "SELECT height, hash, prev_hash, time FROM blocks WHERE chain = $chain AND height >= $from ORDER BY height";
        blocks.Parameters.AddWithValue("$chain", (long)Chain.Eth);
        blocks.Parameters.AddWithValue("$from", fromHeight);
        await using var transfers = connection.CreateCommand();
        transfers.Transaction = transaction;
        transfers.CommandText = "SELECT height, kind, token, from_addr, to_addr, value, tx_hash, position FROM eth_transfers WHERE height >= $from ORDER BY height, id";
        transfers.Parameters.AddWithValue("$from", fromHeight);
        await using var blockReader = await blocks.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var transferReader = await transfers.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var hasTransfer = await transferReader.ReadAsync(cancellationToken).ConfigureAwait(false);
        while (await blockReader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var height = blockReader.GetInt64(0);
            var header = ReadFeedHeader(blockReader, Chain.Eth);
            var list = new List<Transfer>();
            while (hasTransfer && transferReader.GetInt64(0) == height)
            {
                list.Add(ReadFeedTransfer(transferReader));
                hasTransfer = await transferReader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }

            yield return new StoredTransfers(header, list);
        }
    }

    public async Task<Hash32?> GetTxIdAtAsync(long height, int position, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT txid FROM utxo_txs WHERE block_height = $height AND position = $position ORDER BY id DESC LIMIT 1";
        command.Parameters.AddWithValue("$height", height);
        command.Parameters.AddWithValue("$position", position);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is byte[] txid ? new Hash32(txid) : null;
    }

    public IUtxoKeyReader OpenUtxoKeyReader() => new SqliteUtxoKeyReader(_readConnectionString);

    /// <summary>A block header from a row of (height, hash, prev_hash, time).</summary>
    private static BlockHeader ReadFeedHeader(SqliteDataReader reader, Chain chain) =>
        new(chain, reader.GetInt64(0), ReadHash(reader, 1), ReadHash(reader, 2), DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(3)));

    /// <summary>A transfer from a row of (height, kind, token, from_addr, to_addr, value, tx_hash, position) of <c>eth_transfers</c>.</summary>
    private static Transfer ReadFeedTransfer(SqliteDataReader reader) =>
        new((TransferKind)reader.GetInt64(1), AssetOf(reader, 2), EthAddress.FromBytes((byte[])reader.GetValue(3)), EthAddress.FromBytes((byte[])reader.GetValue(4)),
            Value(reader, 5), reader.IsDBNull(6) ? null : ReadHash(reader, 6), reader.GetString(7));
}
