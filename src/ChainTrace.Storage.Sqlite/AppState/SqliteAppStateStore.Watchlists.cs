using ChainTrace.Core.Watchlists;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite.AppState;

public sealed partial class SqliteAppStateStore
{
    private const string AlertColumns = "id, watchlist, rule, cause, txs, amount, entity, raised_at";
    private const string DeliveryColumns = "id, watchlist, alert, status, attempts, last_status, last_error, created_at, delivered_at";

    public async Task AddWatchlistAsync(Watchlist watchlist, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watchlist);
        var body = WatchlistJson.Body(watchlist);
        await WriteAsync(async () =>
        {
            await using var command = _writer.CreateCommand();
            command.CommandText = "INSERT INTO watchlists (id, name, chain, body, created_at) VALUES ($i, $n, $c, $b, $t)";
            command.Parameters.AddWithValue("$i", watchlist.Id);
            command.Parameters.AddWithValue("$n", watchlist.Name);
            command.Parameters.AddWithValue("$c", WatchlistJson.ChainCode(watchlist));
            command.Parameters.AddWithValue("$b", body);
            command.Parameters.AddWithValue("$t", ToMs(watchlist.CreatedAt));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Watchlist?> GetWatchlistAsync(string id, CancellationToken cancellationToken) =>
        FirstOrNull(await QueryAsync("SELECT id, name, chain, body, created_at FROM watchlists WHERE id = $p", id, ReadWatchlist, cancellationToken).ConfigureAwait(false));

    public Task<IReadOnlyList<Watchlist>> ListWatchlistsAsync(CancellationToken cancellationToken) =>
        QueryAsync("SELECT id, name, chain, body, created_at FROM watchlists WHERE $p IS NULL ORDER BY created_at, id", null, ReadWatchlist, cancellationToken);

    public async Task<Alert?> TryRaiseAsync(Alert alert, string? deliveryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        return await WriteAsync<Alert?>(async () =>
        {
            await using var transaction = (SqliteTransaction)await _writer.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
            await using var insert = _writer.CreateCommand();
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO alerts (watchlist, rule, cause, txs, amount, entity, raised_at) VALUES ($w, $r, $c, $x, $a, $e, $t) ON CONFLICT (watchlist, cause) DO NOTHING RETURNING id";
            insert.Parameters.AddWithValue("$w", alert.Watchlist);
            insert.Parameters.AddWithValue("$r", alert.Rule);
            insert.Parameters.AddWithValue("$c", alert.Cause);
            insert.Parameters.AddWithValue("$x", WatchlistJson.Txs(alert.Txs));
            insert.Parameters.AddWithValue("$a", alert.Amount);
            insert.Parameters.AddWithValue("$e", Db(alert.Entity));
            insert.Parameters.AddWithValue("$t", ToMs(alert.RaisedAt));
            if (await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long id)
            {
                return null;
            }

            if (deliveryId is not null)
            {
                await using var delivery = _writer.CreateCommand();
                delivery.Transaction = transaction;
                delivery.CommandText = "INSERT INTO webhook_deliveries (id, watchlist, alert, status, attempts, created_at) VALUES ($i, $w, $a, 'pending', 0, $t)";
                delivery.Parameters.AddWithValue("$i", deliveryId);
                delivery.Parameters.AddWithValue("$w", alert.Watchlist);
                delivery.Parameters.AddWithValue("$a", id);
                delivery.Parameters.AddWithValue("$t", ToMs(alert.RaisedAt));
                await delivery.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            return alert with { Id = id };
        }, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<Alert>> ListAlertsAsync(string? watchlist, long after, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {AlertColumns} FROM alerts WHERE ($w IS NULL OR watchlist = $w) AND id > $after ORDER BY id LIMIT $limit";
        command.Parameters.AddWithValue("$w", Db(watchlist));
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$limit", limit);
        return await ReadAllAsync(command, ReadAlert, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Alert?> GetAlertAsync(long id, CancellationToken cancellationToken) =>
        FirstOrNull(await QueryAsync($"SELECT {AlertColumns} FROM alerts WHERE id = $p", id, ReadAlert, cancellationToken).ConfigureAwait(false));

    public Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string watchlist, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE watchlist = $p ORDER BY created_at, id", watchlist, ReadDelivery, cancellationToken);

    public async Task<WebhookDelivery?> GetDeliveryAsync(string id, CancellationToken cancellationToken) =>
        FirstOrNull(await QueryAsync($"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE id = $p", id, ReadDelivery, cancellationToken).ConfigureAwait(false));

    public Task<IReadOnlyList<WebhookDelivery>> ListPendingDeliveriesAsync(CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE status = 'pending' AND $p IS NULL ORDER BY created_at, id", null, ReadDelivery, cancellationToken);

    public async Task RecordAttemptAsync(string deliveryId, int? statusCode, string? failure, bool delivered, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await WriteAsync(async () =>
        {
            await using var command = _writer.CreateCommand();
            // A delivered row stays delivered: a late duplicate attempt cannot turn it back.
            command.CommandText = """
                UPDATE webhook_deliveries SET attempts = attempts + 1, last_status = $s, last_error = $e,
                    status = CASE WHEN status = 'delivered' OR $d THEN 'delivered' ELSE status END,
                    delivered_at = CASE WHEN delivered_at IS NULL AND $d THEN $t ELSE delivered_at END
                WHERE id = $i
                """;
            command.Parameters.AddWithValue("$i", deliveryId);
            command.Parameters.AddWithValue("$s", Db(statusCode));
            command.Parameters.AddWithValue("$e", Db(failure));
            command.Parameters.AddWithValue("$d", delivered);
            command.Parameters.AddWithValue("$t", ToMs(at));
            await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            return 0;
        }, cancellationToken).ConfigureAwait(false);
    }

    private async Task<T> WriteAsync<T>(Func<Task<T>> write, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            return await write().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, object? parameter, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
#pragma warning disable CA2100 // sql is one of this file's constant statements; the value goes in as a parameter
        command.CommandText = sql;
#pragma warning restore CA2100
        command.Parameters.AddWithValue("$p", Db(parameter));
        return await ReadAllAsync(command, read, cancellationToken).ConfigureAwait(false);
    }

    private static T? FirstOrNull<T>(IReadOnlyList<T> rows)
        where T : class => rows.Count > 0 ? rows[0] : null;

    private static async Task<IReadOnlyList<T>> ReadAllAsync<T>(SqliteCommand command, Func<SqliteDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private static Watchlist ReadWatchlist(SqliteDataReader r) =>
        WatchlistJson.Read(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), FromMs(r.GetInt64(4)));

    private static Alert ReadAlert(SqliteDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), WatchlistJson.ReadTxs(r.GetString(4)),
        r.GetString(5), r.IsDBNull(6) ? null : r.GetString(6), FromMs(r.GetInt64(7)));

    private static WebhookDelivery ReadDelivery(SqliteDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetInt32(4), r.IsDBNull(5) ? null : r.GetInt32(5),
        r.IsDBNull(6) ? null : r.GetString(6), FromMs(r.GetInt64(7)), r.IsDBNull(8) ? null : FromMs(r.GetInt64(8)));
}
