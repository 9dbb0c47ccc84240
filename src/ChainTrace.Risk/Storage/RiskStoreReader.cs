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
        using (var mmap = _connection.CreateCommand())
        {
            // The file is read-only and replaced by a move, never written in place: mapped, a lookup reads its pages
            // where they are instead of copying each from the kernel (pread) into this connection's cache.
            mmap.CommandText = "PRAGMA mmap_size = 4294967296";
            mmap.ExecuteNonQuery();
        }

        _byKey = _connection.CreateCommand();
        _byKey.CommandText = "SELECT facts FROM address_risk WHERE key = $key";
        _byKey.Parameters.Add("$key", SqliteType.Blob);
        _byKey.Prepare();
        _byCluster = _connection.CreateCommand();
        _byCluster.CommandText = "SELECT facts FROM cluster_risk WHERE cluster = $cluster";
        _byCluster.Parameters.Add("$cluster", SqliteType.Integer);
        _byCluster.Prepare();
    }

    /// <summary>The stored facts: bytes (<see cref="RiskFactsCodec"/>), JSON text in a file written before that form, or null.</summary>
    public object? Find(ReadOnlySpan<byte> key)
    {
        _byKey.Parameters[0].Value = key.ToArray();
        return _byKey.ExecuteScalar();
    }

    public object? FindCluster(long cluster)
    {
        _byCluster.Parameters[0].Value = cluster;
        return _byCluster.ExecuteScalar();
    }

    /// <summary>The version of the binary facts' layout (<see cref="RiskFactsCodec.VersionOf"/>); 0 when the file holds JSON facts (no format in its meta).</summary>
    public int ReadFormatVersion()
    {
        using var format = _connection.CreateCommand();
        format.CommandText = "SELECT value FROM meta WHERE key = 'format'";
        return format.ExecuteScalar() switch
        {
            null => 0,
            string f when RiskFactsCodec.VersionOf(f) is var v and > 0 => v,
            var other => throw new InvalidDataException($"the stored risk refresh has facts in the form '{other}', which this build does not read: run risk refresh --full"),
        };
    }

    /// <summary>The string table the binary facts index (empty for a file of JSON facts).</summary>
    public IReadOnlyList<string> ReadStrings()
    {
        if (ReadFormatVersion() == 0)
        {
            return [];
        }

        var strings = new List<string>();
        using var command = _connection.CreateCommand();
        command.CommandText = "SELECT id, text FROM strings ORDER BY id";
        using var reader = command.ExecuteReader();
        while (reader.Read())
        {
            if (reader.GetInt64(0) != strings.Count)
            {
                throw new InvalidDataException("the stored risk refresh's string table has a gap");
            }

            strings.Add(reader.GetString(1));
        }

        return strings;
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
