using ChainTrace.Storage.Sqlite.Migrations;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite;

/// <summary>
/// Opening the SQLite files of the embedded stores (graph, app state, labels): the file's full path with its
/// directory created, connection strings, the writer opened with the store's own pragmas and migrations, pooled
/// connections opened without leaking one when opening fails. Each store keeps its own pragmas and migration scheme;
/// this is only what they did alike.
/// </summary>
public static class SqliteFile
{
    /// <summary>The full path of <paramref name="databasePath"/>, its directory created when missing.</summary>
    public static string Prepare(string databasePath)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var path = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        return path;
    }

    /// <summary>The one writer connection a store owns: read-write, created when missing, not pooled.</summary>
    public static string WriterConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadWriteCreate, Pooling = false }.ToString();

    /// <summary>Short-lived pooled read-only connections, so queries run beside the writer (WAL).</summary>
    public static string ReaderConnectionString(string path) =>
        new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = true }.ToString();

    /// <summary>
    /// Opens the writer of <paramref name="path"/>, runs <paramref name="pragmas"/> and then the embedded migrations
    /// under <paramref name="migrationPrefix"/> (<see cref="MigrationRunner"/>); the connection is disposed if any step fails.
    /// </summary>
    internal static async Task<SqliteConnection> OpenWriterAsync(string path, string pragmas, string migrationPrefix, CancellationToken cancellationToken)
    {
        var writer = new SqliteConnection(WriterConnectionString(path));
        try
        {
            await writer.OpenAsync(cancellationToken).ConfigureAwait(false);
            await ExecuteAsync(writer, pragmas, cancellationToken).ConfigureAwait(false);
            await MigrationRunner.ApplyAsync(writer, cancellationToken, migrationPrefix).ConfigureAwait(false);
            return writer;
        }
        catch
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Opens a connection on <paramref name="connectionString"/>, disposing it if opening fails.</summary>
    public static async Task<SqliteConnection> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(connectionString);
        try
        {
            await connection.OpenAsync(cancellationToken).ConfigureAwait(false);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    /// <summary>Closes the pooled connections of <paramref name="connectionString"/>, so a closed store holds no file handle.</summary>
    public static void ClearPool(string connectionString)
    {
        using var probe = new SqliteConnection(connectionString);
        SqliteConnection.ClearPool(probe);
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Callers pass their constant pragma statements.")]
    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
