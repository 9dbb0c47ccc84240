using ChainTrace.Core.Watchlists;
using Npgsql;

namespace ChainTrace.Storage.Postgres.AppState;

public sealed partial class PostgresAppStateStore
{
    private const string WatchlistColumns = "id, name, chain, body, created_at";
    private const string AlertColumns = "id, watchlist, rule, cause, txs, amount, entity, raised_at";
    private const string DeliveryColumns = "id, watchlist, alert, status, attempts, last_status, last_error, created_at, delivered_at";

    public async Task AddWatchlistAsync(Watchlist watchlist, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watchlist);
        await ExecuteAsync(
            $"INSERT INTO watchlists ({WatchlistColumns}) VALUES (@i, @n, @c, @b, @t)",
            cancellationToken,
            ("i", watchlist.Id), ("n", watchlist.Name), ("c", WatchlistJson.ChainCode(watchlist)), ("b", WatchlistJson.Body(watchlist)), ("t", ToMs(watchlist.CreatedAt))).ConfigureAwait(false);
    }

    public async Task<Watchlist?> GetWatchlistAsync(string id, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {WatchlistColumns} FROM watchlists WHERE id = @i", ReadWatchlist, cancellationToken, ("i", id)).ConfigureAwait(false)) is [var w, ..] ? w : null;

    public Task<IReadOnlyList<Watchlist>> ListWatchlistsAsync(CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {WatchlistColumns} FROM watchlists ORDER BY created_at, id", ReadWatchlist, cancellationToken);

    public async Task<Alert?> TryRaiseAsync(Alert alert, string? deliveryId, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(alert);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);

        // Two workers raising the same cause at once: the second insert waits on the first's unique-key entry and
        // then does nothing, so exactly one of them gets an id (and a delivery).
        await using var insert = new NpgsqlCommand(
            "INSERT INTO alerts (watchlist, rule, cause, txs, amount, entity, raised_at) VALUES (@w, @r, @c, @x, @a, @e, @t) ON CONFLICT (watchlist, cause) DO NOTHING RETURNING id",
            connection,
            transaction);
        insert.Parameters.AddWithValue("w", alert.Watchlist);
        insert.Parameters.AddWithValue("r", alert.Rule);
        insert.Parameters.AddWithValue("c", alert.Cause);
        insert.Parameters.AddWithValue("x", WatchlistJson.Txs(alert.Txs));
        insert.Parameters.AddWithValue("a", alert.Amount);
        insert.Parameters.Add(new NpgsqlParameter("e", NpgsqlTypes.NpgsqlDbType.Text) { Value = Db(alert.Entity) });
        insert.Parameters.AddWithValue("t", ToMs(alert.RaisedAt));
        if (await insert.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is not long id)
        {
            return null;
        }

        if (deliveryId is not null)
        {
            await using var delivery = new NpgsqlCommand(
                "INSERT INTO webhook_deliveries (id, watchlist, alert, status, attempts, created_at) VALUES (@i, @w, @a, 'pending', 0, @t)", connection, transaction);
            delivery.Parameters.AddWithValue("i", deliveryId);
            delivery.Parameters.AddWithValue("w", alert.Watchlist);
            delivery.Parameters.AddWithValue("a", id);
            delivery.Parameters.AddWithValue("t", ToMs(alert.RaisedAt));
            await delivery.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return alert with { Id = id };
    }

    public Task<IReadOnlyList<Alert>> ListAlertsAsync(string? watchlist, long after, int limit, CancellationToken cancellationToken) =>
        QueryAsync(
            $"SELECT {AlertColumns} FROM alerts WHERE (@w::text IS NULL OR watchlist = @w::text) AND id > @after ORDER BY id LIMIT @limit",
            ReadAlert,
            cancellationToken,
            ("w", watchlist), ("after", after), ("limit", (long)limit));

    public async Task<Alert?> GetAlertAsync(long id, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {AlertColumns} FROM alerts WHERE id = @i", ReadAlert, cancellationToken, ("i", id)).ConfigureAwait(false)) is [var a, ..] ? a : null;

    public Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string watchlist, CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE watchlist = @w ORDER BY created_at, id", ReadDelivery, cancellationToken, ("w", watchlist));

    public async Task<WebhookDelivery?> GetDeliveryAsync(string id, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE id = @i", ReadDelivery, cancellationToken, ("i", id)).ConfigureAwait(false)) is [var d, ..] ? d : null;

    public Task<IReadOnlyList<WebhookDelivery>> ListPendingDeliveriesAsync(CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {DeliveryColumns} FROM webhook_deliveries WHERE status = 'pending' ORDER BY created_at, id", ReadDelivery, cancellationToken);

    public async Task RecordAttemptAsync(string deliveryId, int? statusCode, string? failure, bool delivered, DateTimeOffset at, CancellationToken cancellationToken)
    {
        // A delivered row stays delivered: a late duplicate attempt cannot turn it back.
        await using var command = Command("""
            UPDATE webhook_deliveries SET attempts = attempts + 1, last_status = @s, last_error = @e,
                status = CASE WHEN status = 'delivered' OR @d THEN 'delivered' ELSE status END,
                delivered_at = CASE WHEN delivered_at IS NULL AND @d THEN @t ELSE delivered_at END
            WHERE id = @i
            """, ("i", deliveryId), ("d", delivered), ("t", ToMs(at)));
        command.Parameters.Add(new NpgsqlParameter("s", NpgsqlTypes.NpgsqlDbType.Integer) { Value = Db(statusCode) });
        command.Parameters.Add(new NpgsqlParameter("e", NpgsqlTypes.NpgsqlDbType.Text) { Value = Db(failure) });
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }

    private static Watchlist ReadWatchlist(NpgsqlDataReader r) =>
        WatchlistJson.Read(r.GetString(0), r.GetString(1), r.GetString(2), r.GetString(3), FromMs(r.GetInt64(4)));

    private static Alert ReadAlert(NpgsqlDataReader r) => new(
        r.GetInt64(0), r.GetString(1), r.GetString(2), r.GetString(3), WatchlistJson.ReadTxs(r.GetString(4)), r.GetString(5), NullableString(r, 6), FromMs(r.GetInt64(7)));

    private static WebhookDelivery ReadDelivery(NpgsqlDataReader r) => new(
        r.GetString(0), r.GetString(1), r.GetInt64(2), r.GetString(3), r.GetInt32(4), r.IsDBNull(5) ? null : r.GetInt32(5),
        NullableString(r, 6), FromMs(r.GetInt64(7)), NullableTime(r, 8));
}
