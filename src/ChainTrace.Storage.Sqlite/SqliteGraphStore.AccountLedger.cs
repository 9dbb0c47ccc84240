using System.Runtime.CompilerServices;
using ChainTrace.Core.Account;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite;

/// <summary>The stored Ethereum blocks with transactions and transfers, in order (<see cref="IStoredAccountFeed"/>).</summary>
public sealed partial class SqliteGraphStore : IStoredAccountFeed
{
    public async IAsyncEnumerable<StoredAccountBlock> ReadAccountLedgerAsync(long fromHeight, long toHeight, [EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: true);
        void Bind(SqliteCommand command)
        {
            command.Transaction = transaction;
            command.Parameters.AddWithValue("$from", fromHeight);
            command.Parameters.AddWithValue("$to", toHeight);
            command.Parameters.AddWithValue("$chain", (long)Chain.Eth);
        }

        await using var blocks = connection.CreateCommand();
        blocks.CommandText = "SELECT height, hash, prev_hash, time FROM blocks WHERE chain = $chain AND height >= $from AND height <= $to ORDER BY height";
        Bind(blocks);
        await using var txs = connection.CreateCommand();
        txs.CommandText = "SELECT height, hash, tx_index, from_addr, to_addr, created, value, succeeded, gas, gas_used, fee FROM eth_transactions " +
            "WHERE height >= $from AND height <= $to ORDER BY height, tx_index";
        Bind(txs);
        await using var transfers = connection.CreateCommand();
        transfers.CommandText = "SELECT height, kind, token, from_addr, to_addr, value, tx_hash, position FROM eth_transfers " +
            "WHERE height >= $from AND height <= $to ORDER BY height, id";
        Bind(transfers);
        await using var blockReader = await blocks.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var txReader = await txs.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        await using var transferReader = await transfers.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var hasTx = await txReader.ReadAsync(cancellationToken).ConfigureAwait(false);
        var hasTransfer = await transferReader.ReadAsync(cancellationToken).ConfigureAwait(false);
        while (await blockReader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            var height = blockReader.GetInt64(0);
            var header = ReadFeedHeader(blockReader, Chain.Eth);
            var infos = new List<EthTransactionInfo>();
            while (hasTx && txReader.GetInt64(0) == height)
            {
                var r = txReader;
                infos.Add(new EthTransactionInfo(
                    new Hash32((byte[])r.GetValue(1)), r.GetInt32(2), EthAddress.FromBytes((byte[])r.GetValue(3)),
                    r.IsDBNull(4) ? null : EthAddress.FromBytes((byte[])r.GetValue(4)), r.IsDBNull(5) ? null : EthAddress.FromBytes((byte[])r.GetValue(5)),
                    UInt256.FromBigEndianBytes((byte[])r.GetValue(6)), r.IsDBNull(7) ? null : r.GetInt64(7) != 0, r.GetInt64(8),
                    r.IsDBNull(9) ? null : r.GetInt64(9), r.IsDBNull(10) ? null : UInt256.FromBigEndianBytes((byte[])r.GetValue(10))));
                hasTx = await txReader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }

            var list = new List<Transfer>();
            while (hasTransfer && transferReader.GetInt64(0) == height)
            {
                list.Add(ReadFeedTransfer(transferReader));
                hasTransfer = await transferReader.ReadAsync(cancellationToken).ConfigureAwait(false);
            }

            yield return new StoredAccountBlock(header, infos, list);
        }
    }
}
