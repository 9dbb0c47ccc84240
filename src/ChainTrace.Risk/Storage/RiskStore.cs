using System.Text.Json;
using ChainTrace.Core.Risk;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Risk.Storage;

/// <summary>
/// The precomputed risk of a chain (<c>DATA/risk/btc.db</c>): per address key its facts as JSON, per cluster the
/// same, and the snapshot they were computed at. A refresh writes a new file and moves it over the old one, so a
/// failed refresh leaves the previous answers in place and readers never see half a refresh.
/// </summary>
public sealed class RiskStore : IDisposable
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private readonly SqliteConnection _connection;
    private readonly SqliteCommand _byKey;
    private readonly SqliteCommand _byCluster;

    private RiskStore(string path, SqliteConnection connection)
    {
        Path = path;
        _connection = connection;
        _byKey = connection.CreateCommand();
        _byKey.CommandText = "SELECT facts FROM address_risk WHERE key = $key";
        _byKey.Parameters.Add("$key", SqliteType.Blob);
        _byCluster = connection.CreateCommand();
        _byCluster.CommandText = "SELECT facts FROM cluster_risk WHERE cluster = $cluster";
        _byCluster.Parameters.Add("$cluster", SqliteType.Integer);
        Snapshot = ReadSnapshot(connection);
    }

    public string Path { get; }

    public RiskSnapshot Snapshot { get; }

    /// <summary>Opens a stored refresh read-only; null when none has been written.</summary>
    public static RiskStore? TryOpen(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        connection.Open();
        return new RiskStore(path, connection);
    }

    /// <summary>The facts of an address key; null when the refresh never saw it.</summary>
    public RiskFacts? Find(ReadOnlySpan<byte> key)
    {
        _byKey.Parameters[0].Value = key.ToArray();
        return _byKey.ExecuteScalar() is string json ? JsonSerializer.Deserialize<RiskFacts>(json, Json) : null;
    }

    public RiskFacts? FindCluster(long cluster)
    {
        _byCluster.Parameters[0].Value = cluster;
        return _byCluster.ExecuteScalar() is string json ? JsonSerializer.Deserialize<RiskFacts>(json, Json) : null;
    }

    /// <summary>Writes a whole refresh to <paramref name="path"/> (via a temporary file moved into place).</summary>
    public static void Write(
        string path,
        RiskSnapshot snapshot,
        IEnumerable<(byte[] Key, RiskFacts Facts, int Score, RiskLevel Level)> addresses,
        IEnumerable<(long Cluster, RiskFacts Facts)> clusters)
    {
        ArgumentNullException.ThrowIfNull(snapshot);
        Directory.CreateDirectory(System.IO.Path.GetDirectoryName(System.IO.Path.GetFullPath(path))!);
        var temp = path + ".tmp";
        File.Delete(temp);
        using (var connection = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = temp, Pooling = false }.ToString()))
        {
            connection.Open();
            using (var schema = connection.CreateCommand())
            {
                schema.CommandText = "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF;" +
                    "CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);" +
                    "CREATE TABLE address_risk (key BLOB PRIMARY KEY, cluster INTEGER, score INTEGER NOT NULL, level INTEGER NOT NULL, facts TEXT NOT NULL) WITHOUT ROWID;" +
                    "CREATE TABLE cluster_risk (cluster INTEGER PRIMARY KEY, facts TEXT NOT NULL);";
                schema.ExecuteNonQuery();
            }

            using var tx = connection.BeginTransaction();
            using (var insert = connection.CreateCommand())
            {
                insert.CommandText = "INSERT INTO address_risk (key, cluster, score, level, facts) VALUES ($k, $c, $s, $l, $f)";
                var k = insert.Parameters.Add("$k", SqliteType.Blob);
                var c = insert.Parameters.Add("$c", SqliteType.Integer);
                var s = insert.Parameters.Add("$s", SqliteType.Integer);
                var l = insert.Parameters.Add("$l", SqliteType.Integer);
                var f = insert.Parameters.Add("$f", SqliteType.Text);
                foreach (var (key, facts, score, level) in addresses)
                {
                    k.Value = key;
                    c.Value = (object?)facts.ClusterId ?? DBNull.Value;
                    s.Value = score;
                    l.Value = (int)level;
                    f.Value = JsonSerializer.Serialize(facts, Json);
                    insert.ExecuteNonQuery();
                }
            }

            using (var insert = connection.CreateCommand())
            {
                insert.CommandText = "INSERT INTO cluster_risk (cluster, facts) VALUES ($c, $f)";
                var c = insert.Parameters.Add("$c", SqliteType.Integer);
                var f = insert.Parameters.Add("$f", SqliteType.Text);
                foreach (var (cluster, facts) in clusters)
                {
                    c.Value = cluster;
                    f.Value = JsonSerializer.Serialize(facts, Json);
                    insert.ExecuteNonQuery();
                }
            }

            using (var meta = connection.CreateCommand())
            {
                meta.CommandText = "INSERT INTO meta (key, value) VALUES ('snapshot', $v)";
                meta.Parameters.AddWithValue("$v", JsonSerializer.Serialize(snapshot, Json));
                meta.ExecuteNonQuery();
            }

            tx.Commit();
        }

        File.Move(temp, path, overwrite: true);
    }

    public void Dispose()
    {
        _byKey.Dispose();
        _byCluster.Dispose();
        _connection.Dispose();
    }

    private static RiskSnapshot ReadSnapshot(SqliteConnection connection)
    {
        using var command = connection.CreateCommand();
        command.CommandText = "SELECT value FROM meta WHERE key = 'snapshot'";
        return JsonSerializer.Deserialize<RiskSnapshot>((string)command.ExecuteScalar()!, Json)!;
    }
}
