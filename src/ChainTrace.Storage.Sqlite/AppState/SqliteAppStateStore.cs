using ChainTrace.Core.Ports;
using ChainTrace.Storage.Sqlite.Migrations;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite.AppState;

/// <summary>
/// The embedded app-state store (<c>DATA/appstate.db</c>): API keys, the audit log, watchlists and cases, in a file of its own so the
/// graph store's bulk writes never wait behind an audit commit or the reverse. One writer connection; pooled
/// read-only connections for lookups and queries.
/// </summary>
public sealed partial class SqliteAppStateStore : IAppStateStore
{
    private const string MigrationPrefix = "ChainTrace.Storage.Sqlite.AppState.Migrations.";

    private readonly SqliteConnection _writer;
    private readonly string _readConnectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private bool _disposed;

    private SqliteAppStateStore(string path, SqliteConnection writer, string readConnectionString)
    {
        DatabasePath = path;
        _writer = writer;
        _readConnectionString = readConnectionString;
    }

    public string DatabasePath { get; }

    /// <summary>Opens (creating file and directories when missing) and migrates the store at <paramref name="databasePath"/>.</summary>
    public static async Task<SqliteAppStateStore> OpenAsync(string databasePath, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(databasePath);
        var path = Path.GetFullPath(databasePath);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        var writer = new SqliteConnection(new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Pooling = false,
        }.ToString());
        var readConnectionString = new SqliteConnectionStringBuilder
        {
            DataSource = path,
            Mode = SqliteOpenMode.ReadOnly,
            Pooling = true,
        }.ToString();
        try
        {
            await writer.OpenAsync(cancellationToken).ConfigureAwait(false);

            // synchronous=FULL: an audit batch is fsynced before its requests are answered, so an answered request's
            // entry survives power loss, not only a killed process. Group commit keeps that to one fsync per batch.
            await using (var pragmas = writer.CreateCommand())
            {
                pragmas.CommandText = "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON;";
                await pragmas.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await MigrationRunner.ApplyAsync(writer, cancellationToken, MigrationPrefix).ConfigureAwait(false);
            return new SqliteAppStateStore(path, writer, readConnectionString);
        }
        catch
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_disposed)
        {
            return;
        }

        _disposed = true;
        await _writeLock.WaitAsync().ConfigureAwait(false);
        try
        {
            using var probe = new SqliteConnection(_readConnectionString);
            SqliteConnection.ClearPool(probe);
            await _writer.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
            _writeLock.Dispose();
        }
    }

    private async Task<SqliteConnection> OpenReadAsync(CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(_readConnectionString);
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

    private static long ToMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static object Db(object? value) => value ?? DBNull.Value;
}
