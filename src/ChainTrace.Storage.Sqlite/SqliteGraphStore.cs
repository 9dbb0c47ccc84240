using ChainTrace.Core.Ports;
using ChainTrace.Storage.Sqlite.Migrations;
using ChainTrace.Storage.Sqlite.Utxo;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite;

/// <summary>
/// The embedded graph store: one SQLite file in WAL mode, one writer connection owned by this instance and
/// short-lived pooled read connections for queries, so queries run while an ingest writes. Partial: each
/// chain family keeps its tables, writes and rollback statements in its own files. Beside the database file it keeps
/// <c>graph.db.txids</c>, the txid filter of its prevout lookups (rebuilt when missing).
/// </summary>
public sealed partial class SqliteGraphStore : IUtxoGraphStore, IAsyncDisposable
{
    private readonly SqliteConnection _writer;
    private readonly string _readConnectionString;
    private readonly SemaphoreSlim _writeLock = new(1, 1);
    private TxidFilter? _filter;
    private long _dataVersion;
    private bool _disposed;

    private SqliteGraphStore(string path, SqliteConnection writer, string readConnectionString)
    {
        DatabasePath = path;
        _writer = writer;
        _readConnectionString = readConnectionString;
    }

    public string DatabasePath { get; }

    /// <summary>Opens (creating file and directories when missing) and migrates the store at <paramref name="databasePath"/>.</summary>
    public static async Task<SqliteGraphStore> OpenAsync(string databasePath, CancellationToken cancellationToken)
    {
        var path = SqliteFile.Prepare(databasePath);

        // WAL lets readers run beside the writer; synchronous=NORMAL in WAL mode loses nothing committed
        // when the process dies, only possibly the last commits on power loss. Checkpoints every 64 MB of
        // WAL rather than 4 MB: an ingest batch rewrites the same lookup-table pages, and fewer checkpoints
        // copy each of them fewer times (btc-ingest, three interleaved pairs: 35-42k vs 32-40k tx/s). No
        // memory-mapped reads on the writer: a growing file mapped page by page cost a page fault per page
        // touched, more than the copies of plain reads (three pairs: 46-53k vs 41-49k tx/s).
        var writer = await SqliteFile.OpenWriterAsync(path, """
            PRAGMA journal_mode=WAL;
            PRAGMA synchronous=NORMAL;
            PRAGMA temp_store=MEMORY;
            PRAGMA cache_size=-262144;
            PRAGMA mmap_size=0;
            PRAGMA foreign_keys=OFF;
            PRAGMA wal_autocheckpoint=16384;
            """, MigrationRunner.GraphPrefix, cancellationToken).ConfigureAwait(false);
        try
        {
            var store = new SqliteGraphStore(path, writer, SqliteFile.ReaderConnectionString(path));
            store.CompletePendingAddressTotals();
            store._dataVersion = store.ReadDataVersion();
            return store;
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
            SaveFilterMark();
            _filter?.Dispose();
            await _writer.DisposeAsync().ConfigureAwait(false);
            SqliteFile.ClearPool(_readConnectionString);
        }
        finally
        {
            _writeLock.Release();
            _writeLock.Dispose();
        }
    }

    private Task<SqliteConnection> OpenReadAsync(CancellationToken cancellationToken) => SqliteFile.OpenAsync(_readConnectionString, cancellationToken);

    /// <summary>Changes whenever another connection commits; lets the caches notice a foreign writer.</summary>
    private long ReadDataVersion()
    {
        using var command = _writer.CreateCommand();
        command.CommandText = "PRAGMA data_version";
        return (long)command.ExecuteScalar()!;
    }
}
