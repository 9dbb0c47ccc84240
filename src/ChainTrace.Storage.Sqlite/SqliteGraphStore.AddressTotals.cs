using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Queries;
using ChainTrace.Storage.Sqlite.Utxo;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite;

/// <summary>
/// Per-address totals of the UTXO chain (<c>utxo_address_totals</c>): added by every write batch, recomputed for
/// the addresses a rollback touches, built once for a store written before they existed.
/// </summary>
public sealed partial class SqliteGraphStore
{
    private const string PendingTotalsTask = "utxo-address-totals";

    private const string TotalsSql = """
        SELECT t.tx_count, t.received, t.sent, t.unknown_inputs, t.first_height, f.time, t.last_height, l.time
        FROM utxo_address_totals t
        LEFT JOIN blocks f ON f.chain = $chain AND f.height = t.first_height
        LEFT JOIN blocks l ON l.chain = $chain AND l.height = t.last_height
        WHERE t.addr_key = $key
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
        command.CommandText = TotalsSql;
        command.Parameters.AddWithValue("$chain", (long)Chain.Btc);
        command.Parameters.AddWithValue("$key", address.KeyToArray());
        await using var r = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        if (!await r.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            return null;
        }

        var (txCount, received, sent, unknown) = (r.GetInt64(0), r.GetInt64(1), r.GetInt64(2), r.GetInt64(3));
        var first = new SeenAt(r.GetInt64(4), DateTimeOffset.FromUnixTimeSeconds(r.IsDBNull(5) ? 0 : r.GetInt64(5)));
        var last = new SeenAt(r.GetInt64(6), DateTimeOffset.FromUnixTimeSeconds(r.IsDBNull(7) ? 0 : r.GetInt64(7)));

        // A known spend larger than everything received means receipts lie in blocks this store lacks: no balance then either.
        UInt256? balance = unknown == 0 && received >= sent ? (ulong)(received - sent) : null;
        var totals = new AssetTotals(Asset.Btc, (ulong)received, (ulong)sent, balance, unknown);
        return new AddressSummary(address, first, last, txCount, [totals]);
    }

    /// <summary>A store written before the totals existed gets them once, from its transactions, in one transaction.</summary>
    private void CompletePendingAddressTotals()
    {
        using var transaction = _writer.BeginTransaction(deferred: false);
        using (var check = _writer.CreateCommand())
        {
            check.Transaction = transaction;
            check.CommandText = "SELECT count(*) FROM store_pending_tasks WHERE name = $name";
            check.Parameters.AddWithValue("$name", PendingTotalsTask);
            if ((long)check.ExecuteScalar()! == 0)
            {
                return;
            }
        }

        var totals = new AddressTotals();
        using (var select = _writer.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT block_height, body FROM utxo_txs ORDER BY id";
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                var body = (byte[])reader.GetValue(1);
                totals.Add(TxBody.ReadOutputs(body), TxBody.ReadInputs(body), reader.GetInt64(0));
            }
        }

        totals.Flush(_writer);
        using (var done = _writer.CreateCommand())
        {
            done.Transaction = transaction;
            done.CommandText = "DELETE FROM store_pending_tasks WHERE name = $name";
            done.Parameters.AddWithValue("$name", PendingTotalsTask);
            done.ExecuteNonQuery();
        }

        transaction.Commit();
    }

    /// <summary>
    /// After a rollback removed transactions: the totals of each address they touched, again from the
    /// transactions that remain (a rollback is rare and shallow; the addresses' histories are read once).
    /// </summary>
    private void RecomputeAddressTotals(SqliteTransaction transaction, IReadOnlyCollection<byte[]> keys)
    {
        var totals = new AddressTotals();
        using var delete = _writer.CreateCommand();
        delete.Transaction = transaction;
        delete.CommandText = "DELETE FROM utxo_address_totals WHERE addr_key = $key";
        var deleteKey = delete.Parameters.Add("$key", SqliteType.Blob);
        using var select = _writer.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = AddressTxsSql;
        var tag = select.Parameters.Add("$tag", SqliteType.Integer);
        foreach (var key in keys)
        {
            deleteKey.Value = key;
            delete.ExecuteNonQuery();
            tag.Value = KeyTags.AddressTag(key);
            using var reader = select.ExecuteReader();
            while (reader.Read())
            {
                // A tag collision brings another address's transactions: only this key's rows are counted.
                var body = (byte[])reader.GetValue(1);
                totals.Add(
                    TxBody.ReadOutputs(body).Where(o => Matches(o.AddressKey, key)).ToList(),
                    TxBody.ReadInputs(body).Where(i => Matches(i.AddressKey, key)).ToList(),
                    reader.GetInt64(0));
            }
        }

        totals.Flush(_writer);
    }
}
