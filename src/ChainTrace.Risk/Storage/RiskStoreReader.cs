using Microsoft.Data.Sqlite;

namespace ChainTrace.Risk.Storage;

/// <summary>One read-only connection to a stored refresh with its prepared lookups; used by one thread at a time.</summary>
internal sealed class RiskStoreReader : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _byKey;
    private readonly SqliteCommand _byCluster;

    public RiskStoreReader(string connectionString)
    {
        _connection = new SqliteConnection(connectionString);
        _connection.Open();
        _byKey = _connection.CreateCommand();
        _byKey.CommandText = "SELECT facts FROM address_risk WHERE key = $key";
        _byKey.Parameters.Add("$key", SqliteType.Blob);
        _byKey.Prepare();
        _byCluster = _connection.CreateCommand();
        _byCluster.CommandText = "SELECT facts FROM cluster_risk WHERE cluster = $cluster";
        _byCluster.Parameters.Add("$cluster", SqliteType.Integer);
        _byCluster.Prepare();
    }

    public string? Find(ReadOnlySpan<byte> key)
    {
        _byKey.Parameters[0].Value = key.ToArray();
        return _byKey.ExecuteScalar() as string;
    }

    public string? FindCluster(long cluster)
    {
        _byCluster.Parameters[0].Value = cluster;
        return _byCluster.ExecuteScalar() as string;
    }

    public RiskSnapshot ReadSnapshot()
    {
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = 'snapshot'";
        return System.Text.Json.JsonSerializer.Deserialize<RiskSnapshot>((string)command.ExecuteScalar()!, RiskStore.Json)!;
    }

    public void Dispose()
    {
        _byKey.Dispose();
        _byCluster.Dispose();
        _connection.Dispose();
    }
}
