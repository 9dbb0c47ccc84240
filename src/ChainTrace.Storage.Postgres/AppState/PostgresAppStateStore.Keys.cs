using ChainTrace.Core.Access;
using Npgsql;

namespace ChainTrace.Storage.Postgres.AppState;

public sealed partial class PostgresAppStateStore
{
    private const string KeyColumns = "name, role, key_id, key_hash, created_at, expires_at, revoked_at";

    public async Task<bool> TryAddAsync(ApiKey key, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(key);
        return await ExecuteAsync(
            $"INSERT INTO api_keys ({KeyColumns}) VALUES (@n, @r, @i, @h, @c, @e, @v) ON CONFLICT (name) DO NOTHING",
            cancellationToken,
            ("n", key.Name), ("r", key.Role.ToCode()), ("i", key.KeyId), ("h", key.KeyHash.ToArray()), ("c", ToMs(key.CreatedAt)),
            ("e", NullableMs(key.ExpiresAt)), ("v", NullableMs(key.RevokedAt))).ConfigureAwait(false) == 1;
    }

    public async Task<ApiKey?> FindByIdAsync(string keyId, CancellationToken cancellationToken) =>
        (await QueryAsync($"SELECT {KeyColumns} FROM api_keys WHERE key_id = @i", ReadKey, cancellationToken, ("i", keyId)).ConfigureAwait(false)) is [var key, ..] ? key : null;

    public Task<IReadOnlyList<ApiKey>> ListAsync(CancellationToken cancellationToken) =>
        QueryAsync($"SELECT {KeyColumns} FROM api_keys ORDER BY created_at, name", ReadKey, cancellationToken);

    public async Task<bool> RevokeAsync(string name, DateTimeOffset at, CancellationToken cancellationToken) =>
        await ExecuteAsync("UPDATE api_keys SET revoked_at = @t WHERE name = @n AND revoked_at IS NULL", cancellationToken, ("n", name), ("t", ToMs(at))).ConfigureAwait(false) == 1;

    private static ApiKey ReadKey(NpgsqlDataReader reader) => new(
        reader.GetString(0),
        ApiRoles.Parse(reader.GetString(1)),
        reader.GetString(2),
        (byte[])reader.GetValue(3),
        FromMs(reader.GetInt64(4)),
        NullableTime(reader, 5),
        NullableTime(reader, 6));
}
