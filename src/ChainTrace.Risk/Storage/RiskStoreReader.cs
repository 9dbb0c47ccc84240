using ChainTrace.Core.Risk;
using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ChainTrace.Risk.Storage;

/// <summary>Decodes stored facts in the binary form from the bytes SQLite points at (valid only during the call).</summary>
internal delegate RiskFacts FactsDecoder(ReadOnlySpan<byte> bytes);

/// <summary>One read-only connection to a stored refresh with its prepared lookups; used by one thread at a time.</summary>
internal sealed class RiskStoreReader : IDisposable
{
    private readonly SqliteConnection _connection;
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _byKey;
    private readonly sqlite3_stmt _byCluster;

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

        _db = _connection.Handle!;
        _byKey = Prepare("SELECT facts FROM address_risk WHERE key = ?1");
        _byCluster = Prepare("SELECT facts FROM cluster_risk WHERE cluster = ?1");
    }

    /// <summary>The stored facts of an address key, decoded from the mapped page itself (<paramref name="bytes"/> for the binary form, <paramref name="text"/> for JSON); null when absent.</summary>
    /// <remarks>Through the SQLite C API: <see cref="SqliteCommand.ExecuteScalar"/> cost a reader, a statement
    /// enumeration and a copy of the blob per lookup, more than the B-tree search.</remarks>
    public RiskFacts? Find(ReadOnlySpan<byte> key, FactsDecoder bytes, Func<string, RiskFacts> text)
    {
        raw.sqlite3_bind_blob(_byKey, 1, key);
        return Step(_byKey, bytes, text);
    }

    public RiskFacts? FindCluster(long cluster, FactsDecoder bytes, Func<string, RiskFacts> text)
    {
        raw.sqlite3_bind_int64(_byCluster, 1, cluster);
        return Step(_byCluster, bytes, text);
    }

    private sqlite3_stmt Prepare(string sql)
    {
        var rc = raw.sqlite3_prepare_v2(_db, sql, out var statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
        return statement;
    }

    private RiskFacts? Step(sqlite3_stmt statement, FactsDecoder bytes, Func<string, RiskFacts> text)
    {
        try
        {
            var rc = raw.sqlite3_step(statement);
            if (rc == raw.SQLITE_DONE)
            {
                return null;
            }

            if (rc != raw.SQLITE_ROW)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }

            return raw.sqlite3_column_type(statement, 0) switch
            {
                raw.SQLITE_BLOB => bytes(raw.sqlite3_column_blob(statement, 0)),
                raw.SQLITE_TEXT => text(raw.sqlite3_column_text(statement, 0).utf8_to_string()),
                var type => throw new InvalidDataException($"stored risk facts of SQLite type {type}, neither the binary nor the JSON form"),
            };
        }
        finally
        {
            raw.sqlite3_reset(statement);
        }
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
