using ChainTrace.Core.Ports;
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
        var path = SqliteFile.Prepare(databasePath);

        // synchronous=FULL: an audit batch is fsynced before its requests are answered, so an answered request's
        // entry survives power loss, not only a killed process. Group commit keeps that to one fsync per batch.
        // cache_size 32 MiB (default 2 MiB): a batch of the audit log's subject index (tens of thousands of rows in
        // one bucket's pages) finds the pages it changes in memory.
        var writer = await SqliteFile.OpenWriterAsync(path, "PRAGMA journal_mode=WAL; PRAGMA synchronous=FULL; PRAGMA foreign_keys=ON; PRAGMA cache_size=-32768;", MigrationPrefix, cancellationToken).ConfigureAwait(false);
        long subjectMark;
        try
        {
            // Entries logged before the subject index existed, or after the last batch: indexed now.
            subjectMark = await IndexSubjectsAsync(writer, cancellationToken).ConfigureAwait(false);
        }
        catch
        {
            await writer.DisposeAsync().ConfigureAwait(false);
            throw;
        }

        return new SqliteAppStateStore(path, writer, SqliteFile.ReaderConnectionString(path)) { _subjectMark = subjectMark };
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
            SqliteFile.ClearPool(_readConnectionString);
            await _writer.DisposeAsync().ConfigureAwait(false);
        }
        finally
        {
            _writeLock.Release();
            _writeLock.Dispose();
        }
    }

    private Task<SqliteConnection> OpenReadAsync(CancellationToken cancellationToken) => SqliteFile.OpenAsync(_readConnectionString, cancellationToken);

    private static long ToMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static object Db(object? value) => value ?? DBNull.Value;
}
