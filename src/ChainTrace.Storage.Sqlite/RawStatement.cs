using Microsoft.Data.Sqlite;
using SQLitePCL;

namespace ChainTrace.Storage.Sqlite;

/// <summary>
/// A prepared insert driven through the SQLite C API on the writer connection (so inside its open
/// transaction). Binding by position and stepping directly skips the per-execution statement enumeration,
/// name lookups and handle reference counting of <see cref="SqliteCommand"/>, which cost more than the
/// B-tree insert itself for the small rows of the lookup tables (and, for the audit log's copier, a boxed value
/// array, a parameter type switch and an async step per entry).
/// </summary>
internal sealed class RawStatement : IDisposable
{
    private readonly sqlite3 _db;
    private readonly sqlite3_stmt _statement;

    public RawStatement(SqliteConnection connection, string sql)
    {
        _db = connection.Handle ?? throw new InvalidOperationException("the writer connection is not open");
        var rc = raw.sqlite3_prepare_v2(_db, sql, out _statement);
        SqliteException.ThrowExceptionForRC(rc, _db);
    }

    /// <summary>Parameters are numbered from 1 in the order they appear in the SQL.</summary>
    public void Bind(int index, long value) => raw.sqlite3_bind_int64(_statement, index, value);

    public void Bind(int index, ReadOnlySpan<byte> value) => raw.sqlite3_bind_blob(_statement, index, value);

    public void BindNull(int index) => raw.sqlite3_bind_null(_statement, index);

    public void Bind(int index, long? value)
    {
        if (value is { } v)
        {
            Bind(index, v);
        }
        else
        {
            BindNull(index);
        }
    }

    /// <summary>Binds <paramref name="value"/> as TEXT (UTF-8), or NULL.</summary>
    public void Bind(int index, string? value)
    {
        if (value is null)
        {
            BindNull(index);
        }
        else
        {
            raw.sqlite3_bind_text(_statement, index, value);
        }
    }

    public void Execute()
    {
        var rc = raw.sqlite3_step(_statement);
        try
        {
            // Read the error before the reset, which leaves only the code behind.
            if (rc != raw.SQLITE_DONE)
            {
                SqliteException.ThrowExceptionForRC(rc, _db);
            }
        }
        finally
        {
            raw.sqlite3_reset(_statement);
        }
    }

    public void Dispose() => _statement.Dispose();
}
