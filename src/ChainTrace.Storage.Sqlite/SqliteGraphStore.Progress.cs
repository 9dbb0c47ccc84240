using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite;

public sealed partial class SqliteGraphStore
{
    public async Task<BlockRef?> GetTipAsync(Chain chain, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        return await ReadBlockRefAsync(connection, "SELECT height, hash FROM blocks WHERE chain = $chain ORDER BY height DESC LIMIT 1", chain, null, cancellationToken).ConfigureAwait(false);
    }

    public async Task<Hash32?> GetBlockHashAsync(Chain chain, long height, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        var block = await ReadBlockRefAsync(connection, "SELECT height, hash FROM blocks WHERE chain = $chain AND height = $height", chain, height, cancellationToken).ConfigureAwait(false);
        return block?.Hash;
    }

    public async Task<BlockRef?> GetHighestAtOrBelowAsync(Chain chain, long height, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        return await ReadBlockRefAsync(connection, "SELECT height, hash FROM blocks WHERE chain = $chain AND height <= $height ORDER BY height DESC LIMIT 1", chain, height, cancellationToken).ConfigureAwait(false);
    }

    public async Task<IReadOnlyList<BlockHeader>> GetHeadersAboveAsync(Chain chain, long height, int limit, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT height, hash, prev_hash, time, bits FROM blocks WHERE chain = $chain AND height > $height ORDER BY height LIMIT $limit";
        command.Parameters.AddWithValue("$chain", (long)chain);
        command.Parameters.AddWithValue("$height", height);
        command.Parameters.AddWithValue("$limit", limit);
        var headers = new List<BlockHeader>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            headers.Add(new BlockHeader(
                chain, reader.GetInt64(0), new Hash32((byte[])reader.GetValue(1)), new Hash32((byte[])reader.GetValue(2)),
                DateTimeOffset.FromUnixTimeSeconds(reader.GetInt64(3)), reader.IsDBNull(4) ? null : (uint)reader.GetInt64(4)));
        }

        return headers;
    }

    public async Task<Network?> GetNetworkAsync(Chain chain, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT network FROM chain_networks WHERE chain = $chain";
        command.Parameters.AddWithValue("$chain", (long)chain);
        var value = await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false);
        return value is long network ? (Network)network : null;
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "Every caller passes constant SQL; values are always bound parameters.")]
    private static async Task<BlockRef?> ReadBlockRefAsync(
        SqliteConnection connection, string sql, Chain chain, long? height, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Parameters.AddWithValue("$chain", (long)chain);
        if (height is { } h)
        {
            command.Parameters.AddWithValue("$height", h);
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        return await reader.ReadAsync(cancellationToken).ConfigureAwait(false)
            ? new BlockRef(reader.GetInt64(0), new Hash32((byte[])reader.GetValue(1)))
            : null;
    }
}
