using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Queries;
using ChainTrace.Storage.Sqlite.Utxo;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite;

public sealed partial class SqliteGraphStore
{
    private const string AddressRowsSql = """
        WITH a AS (SELECT tx_id FROM utxo_address_txs WHERE addr_tag = $tag),
        r AS (
            SELECT o.tx_id, o.value AS received, NULL AS sent, 0 AS unknown
            FROM a JOIN utxo_outputs o ON o.tx_id = a.tx_id WHERE o.addr_key = $key
            UNION ALL
            SELECT i.tx_id, NULL, i.value, i.value IS NULL
            FROM a JOIN utxo_inputs i ON i.tx_id = a.tx_id WHERE i.addr_key = $key)
        SELECT count(*), count(DISTINCT r.tx_id), sum(unknown), min(t.block_height), max(t.block_height),
               sum(received), sum(sent)
        FROM r JOIN utxo_txs t ON t.id = r.tx_id
        """;

    public async Task<AddressSummary?> GetAddressSummaryAsync(BtcAddress address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: true);
        if (await ReadNetworkAsync(connection, transaction, cancellationToken).ConfigureAwait(false) != address.Network)
        {
            return null;
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = AddressRowsSql;
        AddAddressParameters(command, address);
        long txCount, unknown, firstHeight, lastHeight, received, sent;
        await using (var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (!await reader.ReadAsync(cancellationToken).ConfigureAwait(false) || reader.GetInt64(0) == 0)
            {
                return null;
            }

            txCount = reader.GetInt64(1);
            unknown = reader.GetInt64(2);
            firstHeight = reader.GetInt64(3);
            lastHeight = reader.GetInt64(4);
            received = reader.IsDBNull(5) ? 0 : reader.GetInt64(5);
            sent = reader.IsDBNull(6) ? 0 : reader.GetInt64(6);
        }

        var first = await ReadSeenAtAsync(connection, transaction, firstHeight, cancellationToken).ConfigureAwait(false);
        var last = await ReadSeenAtAsync(connection, transaction, lastHeight, cancellationToken).ConfigureAwait(false);

        // A known spend larger than everything received means receipts lie in blocks this store lacks: no balance then either.
        UInt256? balance = unknown == 0 && received >= sent ? (ulong)(received - sent) : null;
        var totals = new AssetTotals(Asset.Btc, (ulong)received, (ulong)sent, balance, unknown);
        return new AddressSummary(address, first, last, txCount, [totals]);
    }

    public async Task<IReadOnlyList<AddressNeighbour>> GetNeighboursAsync(BtcAddress address, FlowDirection direction, int limit, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        if (limit <= 0)
        {
            return [];
        }

        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = connection.BeginTransaction(deferred: true);
        if (await ReadNetworkAsync(connection, transaction, cancellationToken).ConfigureAwait(false) != address.Network)
        {
            return [];
        }

        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = direction == FlowDirection.Out
            ? """
              WITH s AS (SELECT DISTINCT i.tx_id FROM utxo_address_txs a JOIN utxo_inputs i ON i.tx_id = a.tx_id
                         WHERE a.addr_tag = $tag AND i.addr_key = $key)
              SELECT o.addr_key, sum(o.value) AS v, count(DISTINCT o.tx_id)
              FROM s JOIN utxo_outputs o ON o.tx_id = s.tx_id
              WHERE o.addr_key IS NOT NULL AND o.addr_key <> $key
              GROUP BY o.addr_key ORDER BY v DESC, o.addr_key LIMIT $limit
              """
            : """
              WITH p AS (SELECT o.tx_id, sum(o.value) AS v FROM utxo_address_txs a JOIN utxo_outputs o ON o.tx_id = a.tx_id
                         WHERE a.addr_tag = $tag AND o.addr_key = $key GROUP BY o.tx_id),
                   n AS (SELECT DISTINCT i.tx_id, i.addr_key FROM p JOIN utxo_inputs i ON i.tx_id = p.tx_id
                         WHERE i.addr_key IS NOT NULL AND i.addr_key <> $key)
              SELECT n.addr_key, sum(p.v) AS v, count(*)
              FROM n JOIN p ON p.tx_id = n.tx_id
              GROUP BY n.addr_key ORDER BY v DESC, n.addr_key LIMIT $limit
              """;
        AddAddressParameters(command, address);
        command.Parameters.AddWithValue("$limit", limit);
        var neighbours = new List<AddressNeighbour>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            if (RenderAddress((byte[])reader.GetValue(0), address.Network) is { } neighbour)
            {
                neighbours.Add(new AddressNeighbour(neighbour, Asset.Btc, (ulong)reader.GetInt64(1), reader.GetInt32(2)));
            }
        }

        return neighbours;
    }

    private static void AddAddressParameters(SqliteCommand command, BtcAddress address)
    {
        var key = address.KeyToArray();
        command.Parameters.AddWithValue("$tag", KeyTags.AddressTag(key));
        command.Parameters.AddWithValue("$key", key);
    }

    private static async Task<SeenAt> ReadSeenAtAsync(SqliteConnection connection, SqliteTransaction transaction, long height, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT time FROM blocks WHERE chain = $chain AND height = $height";
        command.Parameters.AddWithValue("$chain", (long)Chain.Btc);
        command.Parameters.AddWithValue("$height", height);
        var time = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long seconds ? seconds : 0;
        return new SeenAt(height, DateTimeOffset.FromUnixTimeSeconds(time));
    }
}
