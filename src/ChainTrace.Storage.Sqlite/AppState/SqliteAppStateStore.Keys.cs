using ChainTrace.Core.Access;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite.AppState;

public sealed partial class SqliteAppStateStore
{
    private const string KeyColumns = "name, role, key_id, key_hash, created_at, expires_at, revoked_at";

    public async Task<bool> TryAddAsync(ApiKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = _writer.CreateCommand();
            command.CommandText = $"INSERT INTO api_keys ({KeyColumns}) VALUES ($n, $r, $i, $h, $c, $e, $v) ON CONFLICT (name) DO NOTHING";
            command.Parameters.AddWithValue("$n", key.Name);
            command.Parameters.AddWithValue("$r", key.Role.ToCode());
            command.Parameters.AddWithValue("$i", key.KeyId);
            command.Parameters.AddWithValue("$h", key.KeyHash.ToArray());
            command.Parameters.AddWithValue("$c", ToMs(key.CreatedAt));
            command.Parameters.AddWithValue("$e", Db(key.ExpiresAt is { } e ? ToMs(e) : null));
            command.Parameters.AddWithValue("$v", Db(key.RevokedAt is { } v ? ToMs(v) : null));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<ApiKey?> FindByIdAsync(string keyId, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {KeyColumns} FROM api_keys WHERE key_id = $i";
        command.Parameters.AddWithValue("$i", keyId);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false) ? ReadKey(reader) : null;
    }

    public async Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {KeyColumns} FROM api_keys ORDER BY created_at, name";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var keys = new List<ApiKey>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            keys.Add(ReadKey(reader));
        }

        return keys;
    }

    public async Task<bool> RevokeAsync(string name, DateTimeOffset at, CancellationToken cancellationToken)
    {
        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            await using var command = _writer.CreateCommand();
            command.CommandText = "UPDATE api_keys SET revoked_at = $t WHERE name = $n AND revoked_at IS NULL";
            command.Parameters.AddWithValue("$n", name);
            command.Parameters.AddWithValue("$t", ToMs(at));
            return await command.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false) == 1;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    private static ApiKey ReadKey(SqliteDataReader reader) => new(
        reader.GetString(0),
        ApiRoles.Parse(reader.GetString(1)),
        reader.GetString(2),
        (byte[])reader.GetValue(3),
        FromMs(reader.GetInt64(4)),
        reader.IsDBNull(5) ? null : FromMs(reader.GetInt64(5)),
        reader.IsDBNull(6) ? null : FromMs(reader.GetInt64(6)));
}
