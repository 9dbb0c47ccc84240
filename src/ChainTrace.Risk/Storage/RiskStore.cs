using System.Collections.Concurrent;
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

    private readonly string _connectionString;
    private readonly ConcurrentBag<RiskStoreReader> _idle = [];
    private volatile bool _disposed;

    private RiskStore(string path, string connectionString)
    {
        Path = path;
        _connectionString = connectionString;
        var reader = new RiskStoreReader(connectionString);
        Snapshot = reader.ReadSnapshot();
        _idle.Add(reader);
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

        return new RiskStore(path, new SqliteConnectionStringBuilder { DataSource = path, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
    }

    /// <summary>The facts of an address key; null when the refresh never saw it. Safe to call from many threads at once.</summary>
    public RiskFacts? Find(ReadOnlySpan<byte> key)
    {
        var reader = Rent();
        try
        {
            return reader.Find(key) is { } json ? JsonSerializer.Deserialize<RiskFacts>(json, Json) : null;
        }
        finally
        {
            Return(reader);
        }
    }

    public RiskFacts? FindCluster(long cluster)
    {
        var reader = Rent();
        try
        {
            return reader.FindCluster(cluster) is { } json ? JsonSerializer.Deserialize<RiskFacts>(json, Json) : null;
        }
        finally
        {
            Return(reader);
        }
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

    /// <summary>Closes the idle readers; one still in use closes when it is handed back.</summary>
    public void Dispose()
    {
        _disposed = true;
        while (_idle.TryTake(out var reader))
        {
            reader.Dispose();
        }
    }

    private RiskStoreReader Rent()
    {
        ObjectDisposedException.ThrowIf(_disposed, this);
        return _idle.TryTake(out var reader) ? reader : new RiskStoreReader(_connectionString);
    }

    private void Return(RiskStoreReader reader)
    {
        _idle.Add(reader);
        if (_disposed && _idle.TryTake(out var idle))
        {
            idle.Dispose();
        }
    }
}
