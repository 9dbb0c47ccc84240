using System.Globalization;
using System.Reflection;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite.Migrations;

/// <summary>
/// Applies the embedded <c>NNN_name.sql</c> scripts in number order, each in its own transaction together with
/// its <c>schema_migrations</c> row, so a crash leaves every migration either applied or not.
/// </summary>
internal static class MigrationRunner
{
    /// <summary>The graph store's scripts; the app-state store passes its own prefix.</summary>
    public const string GraphPrefix = "ChainTrace.Storage.Sqlite.Migrations.";

    public static IReadOnlyList<(int Version, string Name)> Available(string prefix = GraphPrefix) =>
        typeof(MigrationRunner).Assembly.GetManifestResourceNames()
            .Where(n => n.StartsWith(prefix, StringComparison.Ordinal) && n.EndsWith(".sql", StringComparison.Ordinal))
            .Select(n => n[prefix.Length..^".sql".Length])
            .Select(n => (Version: ParseVersion(n), Name: n))
            .OrderBy(m => m.Version)
            .ToList();

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "The scripts are the assembly's own embedded resources, not input.")]
    public static async Task<int> ApplyAsync(SqliteConnection connection, CancellationToken cancellationToken, string prefix = GraphPrefix)
    {
        await using (var create = connection.CreateCommand())
        {
            create.CommandText = "CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";
            await create.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        var applied = 0;
        foreach (var (version, name) in Available(prefix))
        {
            // BEGIN IMMEDIATE takes the write lock first, so two processes opening the same file cannot both
            // decide a migration is missing and run it twice.
            await using var transaction = connection.BeginTransaction(deferred: false);
            await using (var check = connection.CreateCommand())
            {
                check.Transaction = transaction;
                check.CommandText = "SELECT count(*) FROM schema_migrations WHERE version = $v";
                check.Parameters.AddWithValue("$v", version);
                if (Convert.ToInt64(await check.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false), CultureInfo.InvariantCulture) > 0)
                {
                    continue;
                }
            }

            await using (var run = connection.CreateCommand())
            {
                run.Transaction = transaction;
                run.CommandText = ReadScript(prefix, name);
                await run.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await using (var record = connection.CreateCommand())
            {
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO schema_migrations (version, name, applied_at) VALUES ($v, $n, $t)";
                record.Parameters.AddWithValue("$v", version);
                record.Parameters.AddWithValue("$n", name);
                record.Parameters.AddWithValue("$t", DateTimeOffset.UtcNow.ToString("O", CultureInfo.InvariantCulture));
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            applied++;
        }

        return applied;
    }

    private static int ParseVersion(string name)
    {
        var underscore = name.IndexOf('_', StringComparison.Ordinal);
        if (underscore <= 0 || !int.TryParse(name.AsSpan(0, underscore), NumberStyles.None, CultureInfo.InvariantCulture, out var version))
        {
            throw new InvalidOperationException($"migration resource '{name}.sql' must be named NNN_description.sql");
        }

        return version;
    }

    private static string ReadScript(string prefix, string name)
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(prefix + name + ".sql")
            ?? throw new InvalidOperationException($"migration resource '{name}.sql' is missing");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }
}
