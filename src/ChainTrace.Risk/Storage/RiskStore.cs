using System.Buffers;
using System.Collections.Concurrent;
using System.Text.Json;
using ChainTrace.Core.Risk;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Risk.Storage;

/// <summary>
/// The precomputed risk of a chain (<c>DATA/risk/btc.db</c>): per address key its facts in the compact binary form
/// of <see cref="RiskFactsCodec"/>, per cluster the same, the texts they refer to, and the snapshot they were
/// computed at. A file written before that form (JSON facts, no <c>format</c> in its meta) still reads. A refresh writes a new file and moves it over the old one, so a
/// failed refresh leaves the previous answers in place and readers never see half a refresh.
/// </summary>
public sealed partial class RiskStore : IDisposable
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web)
    {
        Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() },
    };

    private readonly string _connectionString;
    private readonly ConcurrentBag<RiskStoreReader> _idle = [];
    private readonly FactsDecoder _decodeBytes;
    private readonly Func<string, RiskFacts> _decodeText;
    private volatile bool _disposed;

    private RiskStore(string path, string connectionString)
    {
        Path = path;
        _connectionString = connectionString;
        var reader = new RiskStoreReader(connectionString);
        Snapshot = reader.ReadSnapshot();
        FactsVersion = reader.ReadFormatVersion();
        Strings = reader.ReadStrings();
        _decodeBytes = DecodeBytes;
        _decodeText = DecodeText;
        _idle.Add(reader);
    }

    public string Path { get; }

    public RiskSnapshot Snapshot { get; }

    /// <summary>The file's string table (empty for a file of JSON facts).</summary>
    internal IReadOnlyList<string> Strings { get; }

    /// <summary>The layout of the stored facts: 0 JSON, 1 binary with 64-bit amounts, 2 binary with 128-bit amounts (<see cref="RiskFactsCodec"/>).</summary>
    public int FactsVersion { get; }

    /// <summary>Opens a stored refresh read-only; null when none has been written.</summary>
    public static RiskStore? TryOpen(string path)
    {
        if (!File.Exists(path))
        {
            return null;
        }

        // immutable=1: a stored refresh is written to a temporary file and moved into place, never changed in place,
        // so SQLite may skip its file locks and change checks: a lookup was two fcntl locks, a stat of the journal and
        // a read of the header page around the one mapped page it needed.
        var uri = new Uri(System.IO.Path.GetFullPath(path)).AbsoluteUri + "?immutable=1";
        return new RiskStore(path, new SqliteConnectionStringBuilder { DataSource = uri, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
    }

    /// <summary>The facts of an address key; null when the refresh never saw it. Safe to call from many threads at once.</summary>
    public RiskFacts? Find(ReadOnlySpan<byte> key)
    {
        var reader = Rent();
        try
        {
            return reader.Find(key, _decodeBytes, _decodeText);
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
            return reader.FindCluster(cluster, _decodeBytes, _decodeText);
        }
        finally
        {
            Return(reader);
        }
    }

    /// <summary>Writes a whole refresh to <paramref name="path"/> (via a temporary file moved into place), with the <paramref name="state"/> an incremental refresh continues from.</summary>
    public static void Write(
        string path,
        RiskSnapshot snapshot,
        IEnumerable<(byte[] Key, RiskFacts Facts, int Score, RiskLevel Level)> addresses,
        IEnumerable<(long Cluster, RiskFacts Facts)> clusters,
        RiskState? state = null) =>
        WriteRows(path, snapshot, addresses, clusters, state);

    /// <summary><see cref="Write"/> with either chain's state.</summary>
    internal static void WriteRows(
        string path,
        RiskSnapshot snapshot,
        IEnumerable<(byte[] Key, RiskFacts Facts, int Score, RiskLevel Level)> addresses,
        IEnumerable<(long Cluster, RiskFacts Facts)> clusters,
        IRefreshState? state)
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
                    "CREATE TABLE address_risk (key BLOB PRIMARY KEY, cluster INTEGER, score INTEGER NOT NULL, level INTEGER NOT NULL, facts BLOB NOT NULL) WITHOUT ROWID;" +
                    "CREATE TABLE cluster_risk (cluster INTEGER PRIMARY KEY, facts BLOB NOT NULL);" +
                    "CREATE TABLE strings (id INTEGER PRIMARY KEY, text TEXT NOT NULL);";
                schema.ExecuteNonQuery();
            }

            using var tx = connection.BeginTransaction();
            var strings = new RiskFactsCodec.StringTable();
            var buffer = new ArrayBufferWriter<byte>(256);
            InsertAddresses(connection, replace: false, addresses, strings, buffer, null);

            using (var insert = connection.CreateCommand())
            {
                insert.CommandText = "INSERT INTO cluster_risk (cluster, facts) VALUES ($c, $f)";
                var c = insert.Parameters.Add("$c", SqliteType.Integer);
                var f = insert.Parameters.Add("$f", SqliteType.Blob);
                foreach (var (cluster, facts) in clusters)
                {
                    c.Value = cluster;
                    f.Value = Encode(facts, strings, buffer);
                    insert.ExecuteNonQuery();
                }
            }

            using (var insert = connection.CreateCommand())
            {
                insert.CommandText = "INSERT INTO strings (id, text) VALUES ($i, $t)";
                var i = insert.Parameters.Add("$i", SqliteType.Integer);
                var t = insert.Parameters.Add("$t", SqliteType.Text);
                for (var id = 0; id < strings.Texts.Count; id++)
                {
                    i.Value = id;
                    t.Value = strings.Texts[id];
                    insert.ExecuteNonQuery();
                }
            }

            using (var meta = connection.CreateCommand())
            {
                meta.CommandText = "INSERT INTO meta (key, value) VALUES ('snapshot', $v), ('format', $f)";
                meta.Parameters.AddWithValue("$v", JsonSerializer.Serialize(snapshot, Json));
                meta.Parameters.AddWithValue("$f", RiskFactsCodec.Format);
                meta.ExecuteNonQuery();
            }

            state?.WriteTo(connection);
            tx.Commit();
        }

        File.Move(temp, path, overwrite: true);
        StoredRefresh.Moved();
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

    /// <summary>Writes address rows with one prepared command (replacing rows of the same key when <paramref name="replace"/>), calling <paramref name="before"/> ahead of each.</summary>
    private static void InsertAddresses(
        SqliteConnection connection, bool replace, IEnumerable<(byte[] Key, RiskFacts Facts, int Score, RiskLevel Level)> addresses,
        RiskFactsCodec.StringTable strings, ArrayBufferWriter<byte> buffer, Action<(byte[] Key, RiskFacts Facts, int Score, RiskLevel Level)>? before)
    {
        using var insert = connection.CreateCommand();
        insert.CommandText = (replace ? "INSERT OR REPLACE" : "INSERT") + " INTO address_risk (key, cluster, score, level, facts) VALUES ($k, $c, $s, $l, $f)";
        var k = insert.Parameters.Add("$k", SqliteType.Blob);
        var c = insert.Parameters.Add("$c", SqliteType.Integer);
        var s = insert.Parameters.Add("$s", SqliteType.Integer);
        var l = insert.Parameters.Add("$l", SqliteType.Integer);
        var f = insert.Parameters.Add("$f", SqliteType.Blob);
        foreach (var row in addresses)
        {
            before?.Invoke(row);
            k.Value = row.Key;
            c.Value = (object?)row.Facts.ClusterId ?? DBNull.Value;
            s.Value = row.Score;
            l.Value = (int)row.Level;
            f.Value = Encode(row.Facts, strings, buffer);
            insert.ExecuteNonQuery();
        }
    }

    private static byte[] Encode(RiskFacts facts, RiskFactsCodec.StringTable strings, ArrayBufferWriter<byte> buffer)
    {
        buffer.ResetWrittenCount();
        RiskFactsCodec.Encode(facts, strings, buffer);
        return buffer.WrittenSpan.ToArray();
    }

    private RiskFacts? Decode(object? stored) => stored switch
    {
        null => null,
        byte[] bytes => DecodeBytes(bytes),
        string json => DecodeText(json),
        _ => throw new InvalidDataException($"{Path} holds risk facts of an unknown form"),
    };

    private RiskFacts DecodeBytes(ReadOnlySpan<byte> bytes) =>
        FactsVersion > 0 ? RiskFactsCodec.Decode(bytes, Strings, FactsVersion) : throw new InvalidDataException($"{Path} holds binary risk facts but no format in its meta");

    private RiskFacts DecodeText(string json) => JsonSerializer.Deserialize<RiskFacts>(json, Json)!;

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
