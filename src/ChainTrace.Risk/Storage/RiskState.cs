using System.Runtime.InteropServices;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Risk.Storage;

/// <summary>
/// What a Bitcoin refresh leaves beside its rows so that the next one can recompute only what new blocks changed:
/// the read model's size it ran over, a locator of its block hashes (tip, then depths 1, 2, 4, …) to find where a
/// rollback cut it, and per address id its cluster root, label seed and exposure horizon
/// (<see cref="Exposure.ExposureHorizon"/>); plus the store-wide counts the summary line prints.
/// </summary>
public sealed record RiskState(int TxCount, int AddressCount, IReadOnlyList<RiskState.Block> Locator, RiskCounts Counts) : IRefreshState
{
    [System.Text.Json.Serialization.JsonIgnore]
    public int[] Roots { get; init; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public int[] Seeds { get; init; } = [];

    [System.Text.Json.Serialization.JsonIgnore]
    public int[] Horizon { get; init; } = [];

    public sealed record Block(long Height, string Hash);

    IRefreshState IRefreshState.WithCounts(RiskCounts counts) => this with { Counts = counts };

    void IRefreshState.WriteTo(SqliteConnection connection) => WriteTo(connection);

    internal void WriteTo(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "CREATE TABLE IF NOT EXISTS state (name TEXT PRIMARY KEY, data BLOB NOT NULL);" +
            "INSERT OR REPLACE INTO meta (key, value) VALUES ('state', $s);" +
            "INSERT OR REPLACE INTO state (name, data) VALUES ('roots', $r), ('seeds', $e), ('horizon', $h);";
        command.Parameters.AddWithValue("$s", System.Text.Json.JsonSerializer.Serialize(this, RiskStore.Json));
        command.Parameters.AddWithValue("$r", MemoryMarshal.AsBytes(Roots.AsSpan()).ToArray());
        command.Parameters.AddWithValue("$e", MemoryMarshal.AsBytes(Seeds.AsSpan()).ToArray());
        command.Parameters.AddWithValue("$h", MemoryMarshal.AsBytes(Horizon.AsSpan()).ToArray());
        command.ExecuteNonQuery();
    }

    /// <summary>The state a refresh file holds; null for one written without it (an Ethereum refresh, or one before incremental refreshes).</summary>
    internal static RiskState? ReadFrom(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = 'state'";
        if (command.ExecuteScalar() is not string json)
        {
            return null;
        }

        var state = System.Text.Json.JsonSerializer.Deserialize<RiskState>(json, RiskStore.Json)!;
        return state with { Roots = Array(connection, "roots"), Seeds = Array(connection, "seeds"), Horizon = Array(connection, "horizon") };
    }

    private static int[] Array(SqliteConnection connection, string name)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT data FROM state WHERE name = $n";
        command.Parameters.AddWithValue("$n", name);
        var bytes = (byte[])command.ExecuteScalar()!;
        return MemoryMarshal.Cast<byte, int>(bytes).ToArray();
    }
}
