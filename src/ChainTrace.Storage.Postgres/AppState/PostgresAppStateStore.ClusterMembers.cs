using Npgsql;

namespace ChainTrace.Storage.Postgres.AppState;

public sealed partial class PostgresAppStateStore
{
    public async Task<IReadOnlySet<string>?> GetClusterMembersAsync(string watchlist, string subject, CancellationToken cancellationToken)
    {
        var rows = await QueryAsync(
            """
            SELECT m.address FROM cluster_baselines b LEFT JOIN cluster_members m ON m.watchlist = b.watchlist AND m.subject = b.subject
            WHERE b.watchlist = @w AND b.subject = @s
            """,
            r => NullableString(r, 0),
            cancellationToken,
            ("w", watchlist), ("s", subject)).ConfigureAwait(false);
        return rows.Count == 0 ? null : rows.OfType<string>().ToHashSet(StringComparer.Ordinal);
    }

    public async Task AddClusterMembersAsync(string watchlist, string subject, IReadOnlyCollection<string> addresses, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(addresses);
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var baseline = new NpgsqlCommand("INSERT INTO cluster_baselines (watchlist, subject) VALUES (@w, @s) ON CONFLICT DO NOTHING", connection, transaction))
        {
            baseline.Parameters.AddWithValue("w", watchlist);
            baseline.Parameters.AddWithValue("s", subject);
            await baseline.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await using (var members = new NpgsqlCommand(
            "INSERT INTO cluster_members (watchlist, subject, address) SELECT @w, @s, unnest(@a::text[]) ON CONFLICT DO NOTHING", connection, transaction))
        {
            members.Parameters.AddWithValue("w", watchlist);
            members.Parameters.AddWithValue("s", subject);
            members.Parameters.AddWithValue("a", addresses.ToArray());
            await members.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }
}
