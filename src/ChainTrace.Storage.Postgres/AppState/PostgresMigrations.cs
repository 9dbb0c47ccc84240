using System.Globalization;
using Npgsql;

namespace ChainTrace.Storage.Postgres.AppState;

/// <summary>
/// Applies the embedded <c>NNN_name.sql</c> scripts in number order, each in one transaction with its
/// <c>schema_migrations</c> row. A session advisory lock makes processes that start together (an API node and two
/// workers) take turns, so no script runs twice.
/// </summary>
internal static class PostgresMigrations
{
    private const string Prefix = "ChainTrace.Storage.Postgres.AppState.Migrations.";

    // Any constant shared by every process of the service; "CTAPPST1".
    private const long LockKey = 0x4354_4150_5053_5431;

    public static IReadOnlyList<(int Version, string Resource)> Available() =>
        typeof(PostgresMigrations).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(Prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => (Version: int.Parse(n[Prefix.Length..].Split('_')[0], NumberStyles.None, CultureInfo.InvariantCulture), Resource: n))
            .OrderBy(m => m.Version)
            .ToList();

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "The scripts are the assembly's own embedded resources, not input.")]
    public static async Task<int> ApplyAsync(NpgsqlDataSource dataSource, CancellationToken cancellationToken)
    {
        await using var connection = await dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await ExecuteAsync(connection, null, $"SELECT pg_advisory_lock({LockKey})", cancellationToken).ConfigureAwait(false);
        try
        {
            await ExecuteAsync(connection, null, "CREATE TABLE IF NOT EXISTS schema_migrations (version integer PRIMARY KEY, name text NOT NULL, applied_at timestamptz NOT NULL DEFAULT now())", cancellationToken).ConfigureAwait(false);
            var applied = 0;
            foreach (var (version, resource) in Available())
            {
                await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
                await using (var check = new NpgsqlCommand("SELECT count(*) FROM schema_migrations WHERE version = @v", connection, transaction))
                {
                    check.Parameters.AddWithValue("v", version);
                    if ((long)(await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))! > 0)
                    {
                        continue;
                    }
                }

                await ExecuteAsync(connection, transaction, await ReadScriptAsync(resource, cancellationToken).ConfigureAwait(false), cancellationToken).ConfigureAwait(false);
                await using (var record = new NpgsqlCommand("INSERT INTO schema_migrations (version, name) VALUES (@v, @n)", connection, transaction))
                {
                    record.Parameters.AddWithValue("v", version);
                    record.Parameters.AddWithValue("n", resource[Prefix.Length..]);
                    await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                }

                await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
                applied++;
            }

            return applied;
        }
        finally
        {
            await ExecuteAsync(connection, null, $"SELECT pg_advisory_unlock({LockKey})", CancellationToken.None).ConfigureAwait(false);
        }
    }

    private static async Task<string> ReadScriptAsync(string resource, CancellationToken cancellationToken)
    {
        await using var stream = typeof(PostgresMigrations).Assembly.GetManifestResourceStream(resource)!;
        using var reader = new StreamReader(stream);
        return await reader.ReadToEndAsync(cancellationToken).ConfigureAwait(false);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Constant SQL or the embedded scripts.")]
    private static async Task ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken)
    {
        await using var command = new NpgsqlCommand(sql, connection, transaction);
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
