using System.Globalization;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite.Account;

/// <summary>
/// SQLite implementation of <see cref="IAccountGraphStore"/> for Ethereum. Self-contained (own connection, own
/// schema version row in <c>account_schema</c>) so it can share a database file with the UTXO store; its tables
/// are created by the embedded <c>Migrations/002_account.sql</c>. The stored blocks are the progress marker.
/// Calls are serialized on one connection.
/// </summary>
public sealed partial class SqliteAccountStore : IAccountGraphStore, IAsyncDisposable, IDisposable
{
    private const string MigrationResource = "ChainTrace.Storage.Sqlite.Migrations.002_account.sql";
    private readonly SqliteConnection _connection;
    private readonly SemaphoreSlim _gate = new(1, 1);

    private SqliteAccountStore(SqliteConnection connection) => _connection = connection;

    public static async Task<SqliteAccountStore> OpenAsync(string path, CancellationToken cancellationToken)
    {
        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Pooling = false }.ToString());
        await connection.OpenAsync(cancellationToken);
        try
        {
            await ExecuteAsync(connection, "PRAGMA journal_mode=WAL; PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=5000;", cancellationToken);
            await MigrateAsync(connection, cancellationToken);
            return new SqliteAccountStore(connection);
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static async Task MigrateAsync(SqliteConnection connection, CancellationToken cancellationToken)
    {
        await using var transaction = connection.BeginTransaction(deferred: false);
        await ExecuteAsync(connection, "CREATE TABLE IF NOT EXISTS account_schema (key TEXT PRIMARY KEY, version INTEGER NOT NULL)", cancellationToken, transaction);
        await using (var check = connection.CreateCommand())
        {
            check.Transaction = transaction;
            check.CommandText = "SELECT version FROM account_schema WHERE key = 'eth'";
            if (await check.ExecuteScalarAsync(cancellationToken) is long version && version >= 2)
            {
                return;
            }
        }

        await using var stream = typeof(SqliteAccountStore).Assembly.GetManifestResourceStream(MigrationResource)
            ?? throw new InvalidOperationException($"embedded migration {MigrationResource} is missing");
        using var reader = new StreamReader(stream);
        await ExecuteAsync(connection, await reader.ReadToEndAsync(cancellationToken), cancellationToken, transaction);
        await ExecuteAsync(connection, "INSERT OR REPLACE INTO account_schema (key, version) VALUES ('eth', 2)", cancellationToken, transaction);
        await transaction.CommitAsync(cancellationToken);
    }

    public async Task<BlockRef?> GetTipAsync(Chain chain, CancellationToken cancellationToken)
    {
        if (chain != Chain.Eth)
        {
            return null;
        }

        return await LockedAsync(async () =>
        {
            await using var command = Command("SELECT height, hash FROM eth_blocks ORDER BY height DESC LIMIT 1");
            await using var reader = await command.ExecuteReaderAsync(cancellationToken);
            return await reader.ReadAsync(cancellationToken) ? new BlockRef(reader.GetInt64(0), ReadHash(reader, 1)) : null;
        }, cancellationToken);
    }

    public async Task<Hash32?> GetBlockHashAsync(Chain chain, long height, CancellationToken cancellationToken)
    {
        if (chain != Chain.Eth)
        {
            return null;
        }

        return await LockedAsync(() => BlockHashAtAsync(height, null, cancellationToken), cancellationToken);
    }

    public async Task<IReadOnlyList<BlockRef>> GetLocatorAsync(Chain chain, CancellationToken cancellationToken)
    {
        var tip = await GetTipAsync(chain, cancellationToken);
        var locator = new List<BlockRef>();
        if (tip is null)
        {
            return locator;
        }

        long step = 1;
        for (var height = tip.Height; height >= 0; height -= step)
        {
            if (await GetBlockHashAsync(chain, height, cancellationToken) is { } hash)
            {
                locator.Add(new BlockRef(height, hash));
            }

            if (locator.Count >= 10)
            {
                step *= 2;
            }
        }

        return locator;
    }

    public async Task RollbackToAsync(Chain chain, long height, CancellationToken cancellationToken)
    {
        if (chain != Chain.Eth)
        {
            return;
        }

        await LockedAsync(async () =>
        {
            await using var transaction = _connection.BeginTransaction(deferred: false);
            foreach (var table in new[] { "eth_transfers", "eth_transactions", "eth_blocks" })
            {
                await using var command = Command($"DELETE FROM {table} WHERE height > $h", transaction);
                command.Parameters.AddWithValue("$h", height);
                await command.ExecuteNonQueryAsync(cancellationToken);
            }

            await transaction.CommitAsync(cancellationToken);
            return 0;
        }, cancellationToken);
    }

    public async Task<Network?> GetNetworkAsync(Chain chain, CancellationToken cancellationToken)
    {
        if (chain != Chain.Eth)
        {
            return null;
        }

        return await LockedAsync(async () =>
        {
            await using var command = Command("SELECT network FROM eth_blocks ORDER BY height LIMIT 1");
            return await command.ExecuteScalarAsync(cancellationToken) is long n ? (Network?)(Network)n : null;
        }, cancellationToken);
    }

    private async Task<Hash32?> BlockHashAtAsync(long height, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = Command("SELECT hash FROM eth_blocks WHERE height = $h", transaction);
        command.Parameters.AddWithValue("$h", height);
        return await command.ExecuteScalarAsync(cancellationToken) is byte[] bytes ? new Hash32(bytes) : null;
    }

    private async Task<T> LockedAsync<T>(Func<Task<T>> action, CancellationToken cancellationToken)
    {
        await _gate.WaitAsync(cancellationToken);
        try
        {
            return await action();
        }
        finally
        {
            _gate.Release();
        }
    }

    private SqliteCommand Command(string sql, SqliteTransaction? transaction = null)
    {
        var command = _connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        return command;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken cancellationToken, SqliteTransaction? transaction = null)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = transaction;
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private static Hash32 ReadHash(SqliteDataReader reader, int ordinal) => new((byte[])reader.GetValue(ordinal));

    private static string Invariant(long value) => value.ToString(CultureInfo.InvariantCulture);

    public async ValueTask DisposeAsync()
    {
        await _connection.DisposeAsync();
        _gate.Dispose();
    }

    public void Dispose()
    {
        _connection.Dispose();
        _gate.Dispose();
    }
}
