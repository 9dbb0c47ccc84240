using ChainTrace.Core.Ports;
using Npgsql;

namespace ChainTrace.Storage.Postgres.AppState;

/// <summary>
/// App state on PostgreSQL (<c>ConnectionStrings:Postgres</c>), for several API and worker processes sharing one
/// database: the same tables and guarantees as the SQLite file (append-only audit log enforced by triggers, one
/// alert per watchlist and cause), with writes that several processes may make at once serialized by the database
/// (an advisory transaction lock for the audit chain's end, a case's row lock for its changes, unique keys elsewhere),
/// not by a lock in this process.
/// </summary>
public sealed partial class PostgresAppStateStore : IAppStateStore
{
    private readonly NpgsqlDataSource _dataSource;

    private PostgresAppStateStore(NpgsqlDataSource dataSource) => _dataSource = dataSource;

    /// <summary>Connects and migrates; the database must exist (the connection string names it).</summary>
    public static async Task<PostgresAppStateStore> OpenAsync(string connectionString, CancellationToken cancellationToken)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(connectionString);
        var dataSource = NpgsqlDataSource.Create(connectionString);
        try
        {
            await PostgresMigrations.ApplyAsync(dataSource, cancellationToken).ConfigureAwait(false);
            return new PostgresAppStateStore(dataSource);
        }
        catch
        {
            await dataSource.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }

    public ValueTask DisposeAsync() => _dataSource.DisposeAsync();

    private static long ToMs(DateTimeOffset time) => time.ToUnixTimeMilliseconds();

    private static DateTimeOffset FromMs(long ms) => DateTimeOffset.FromUnixTimeMilliseconds(ms);

    private static object Db(object? value) => value ?? DBNull.Value;

    private static long? NullableMs(DateTimeOffset? time) => time is { } t ? ToMs(t) : null;

    private static DateTimeOffset? NullableTime(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : FromMs(reader.GetInt64(ordinal));

    private static string? NullableString(NpgsqlDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private NpgsqlCommand Command(string sql, params (string Name, object? Value)[] parameters)
    {
#pragma warning disable CA2100 // every caller passes one of this class's constant statements; values are bound parameters
        var command = _dataSource.CreateCommand(sql);
#pragma warning restore CA2100
        foreach (var (name, value) in parameters)
        {
            command.Parameters.AddWithValue(name, Db(value));
        }

        return command;
    }

    private async Task<IReadOnlyList<T>> QueryAsync<T>(string sql, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await ReadAllAsync(command, read, cancellationToken).ConfigureAwait(false);
    }

    private static async Task<IReadOnlyList<T>> ReadAllAsync<T>(NpgsqlCommand command, Func<NpgsqlDataReader, T> read, CancellationToken cancellationToken)
    {
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var rows = new List<T>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            rows.Add(read(reader));
        }

        return rows;
    }

    private async Task<int> ExecuteAsync(string sql, CancellationToken cancellationToken, params (string Name, object? Value)[] parameters)
    {
        await using var command = Command(sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
    }
}
