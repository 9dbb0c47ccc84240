using System.Runtime.CompilerServices;
using ChainTrace.Core.Access;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite.AppState;

public sealed partial class SqliteAppStateStore
{
    private const string AuditColumns = "sequence, time_ms, key_name, role, endpoint, subject, status, decision, data_height, previous_hash, hash";

    public Task<IReadOnlyList<AuditEntry>> AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken) =>
        AppendCoreAsync(events, null, cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> AppendAsync(IReadOnlyList<AuditEvent> events, AuditJournalMark mark, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mark);
        return AppendCoreAsync(events, mark, cancellationToken);
    }

    public async Task<long> GetJournalPositionAsync(string journal, CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT position FROM audit_journals WHERE journal = $j";
        command.Parameters.AddWithValue("$j", journal);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long position ? position : 0;
    }

    private async Task<IReadOnlyList<AuditEntry>> AppendCoreAsync(IReadOnlyList<AuditEvent> events, AuditJournalMark? mark, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0 && mark is null)
        {
            return [];
        }

        await _writeLock.WaitAsync(cancellationToken).ConfigureAwait(false);
        try
        {
            // The chain's end is read inside the write transaction, not cached: another process on the same file
            // (a second API node on a shared disk, the CLI) may have appended since.
            await using var transaction = _writer.BeginTransaction(deferred: false);
            long lastSequence = 0;
            ReadOnlyMemory<byte> lastHash = AuditChain.Genesis;
            await using (var last = _writer.CreateCommand())
            {
                last.Transaction = transaction;
                last.CommandText = "SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1";
                await using var reader = await last.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
                if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
                {
                    lastSequence = reader.GetInt64(0);
                    lastHash = (byte[])reader.GetValue(1);
                }
            }

            var entries = AuditChain.Link(lastSequence, lastHash, events);
            using (var insert = new RawStatement(_writer, $"INSERT INTO audit_log ({AuditColumns}) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11)"))
            {
                foreach (var entry in entries)
                {
                    var e = entry.Event;
                    insert.Bind(1, entry.Sequence);
                    insert.Bind(2, ToMs(e.Time));
                    insert.Bind(3, e.KeyName);
                    insert.Bind(4, e.Role);
                    insert.Bind(5, e.Endpoint);
                    insert.Bind(6, e.Subject);
                    insert.Bind(7, e.Status);
                    insert.Bind(8, e.Decision);
                    insert.Bind(9, e.DataHeight);
                    insert.Bind(10, entry.PreviousHash.Span);
                    insert.Bind(11, entry.Hash.Span);
                    insert.Execute();
                }
            }

            if (mark is not null)
            {
                await using var record = _writer.CreateCommand();
                record.Transaction = transaction;
                record.CommandText = "INSERT INTO audit_journals (journal, position) VALUES ($j, $p) ON CONFLICT (journal) DO UPDATE SET position = excluded.position";
                record.Parameters.AddWithValue("$j", mark.Journal);
                record.Parameters.AddWithValue("$p", mark.Position);
                await record.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }

            await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
            if (entries.Count > 0 && entries[^1].Sequence - _subjectMark >= SubjectBatch)
            {
                await TryIndexSubjectsAsync().ConfigureAwait(false);
            }

            return entries;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<AuditEntry>();
        if (query.Subject is null)
        {
            await ReadQueryAsync(connection, null, QuerySql(query), query, null, query.Limit + 1, entries, cancellationToken).ConfigureAwait(false);
        }
        else
        {
            // One snapshot for the mark and both parts: the indexed entries up to the mark, then the log after it.
            await using var transaction = connection.BeginTransaction(deferred: true);
            var mark = await ReadSubjectMarkAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
            if ((query.AfterSequence ?? 0) < mark)
            {
                await ReadQueryAsync(connection, transaction, IndexedSubjectSql, query, mark, query.Limit + 1, entries, cancellationToken).ConfigureAwait(false);
            }

            if (entries.Count <= query.Limit)
            {
                await ReadQueryAsync(connection, transaction, UnindexedSubjectSql, query, mark, query.Limit + 1 - entries.Count, entries, cancellationToken).ConfigureAwait(false);
            }
        }

        if (entries.Count <= query.Limit)
        {
            return new AuditPage(entries, null);
        }

        entries.RemoveAt(entries.Count - 1);
        return new AuditPage(entries, entries[^1].Sequence);
    }

    public async IAsyncEnumerable<AuditEntry> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"SELECT {AuditColumns} FROM audit_log ORDER BY sequence";
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ReadEntry(reader);
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "The SQL is one of the constant statements of this file; every value is a bound parameter.")]
    private static async Task ReadQueryAsync(
        SqliteConnection connection, SqliteTransaction? transaction, string sql, AuditQuery query, long? mark, int limit, List<AuditEntry> entries, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = sql;
        var after = query.AfterSequence ?? 0;
        command.Parameters.AddWithValue("$k", Db(query.KeyName));
        command.Parameters.AddWithValue("$u", Db(query.Subject));
        command.Parameters.AddWithValue("$f", Db(query.From is { } f ? ToMs(f) : null));
        command.Parameters.AddWithValue("$to", Db(query.To is { } t ? ToMs(t) : null));
        command.Parameters.AddWithValue("$after", after);
        command.Parameters.AddWithValue("$limit", limit);
        if (mark is { } m)
        {
            command.Parameters.AddWithValue("$uh", SubjectHash(query.Subject!));
            command.Parameters.AddWithValue("$mark", m);
            command.Parameters.AddWithValue("$b0", SubjectBucket(after + 1));
            command.Parameters.AddWithValue("$b1", SubjectBucket(m));
        }

        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(ReadEntry(reader));
        }
    }

    private const string Filters = "AND ($k IS NULL OR a.key_name = $k) AND ($f IS NULL OR a.time_ms >= $f) AND ($to IS NULL OR a.time_ms < $to)";

    private static readonly string Columns = string.Join(", ", AuditColumns.Split(", ").Select(c => "a." + c));

    /// <summary>A subject's entries up to the mark: per bucket, a seek to its hash in <c>audit_subjects</c>.</summary>
    internal static readonly string IndexedSubjectSql =
        "WITH RECURSIVE b(n) AS (SELECT $b0 UNION ALL SELECT n + 1 FROM b WHERE n < $b1) " +
        $"SELECT {Columns} FROM b CROSS JOIN audit_subjects s ON s.bucket = b.n AND s.subject_hash = $uh CROSS JOIN audit_log a ON a.sequence = s.sequence " +
        $"WHERE s.sequence > $after AND s.sequence <= $mark AND a.subject = $u {Filters} ORDER BY s.sequence LIMIT $limit";

    /// <summary>A subject's entries after the mark: fewer than a batch, read from the log in order.</summary>
    private static readonly string UnindexedSubjectSql =
        $"SELECT {Columns} FROM audit_log a WHERE a.sequence > max($after, $mark) AND a.subject = $u {Filters} ORDER BY a.sequence LIMIT $limit";

    /// <summary>
    /// The query without a subject, led by the index that narrows it most: a key through <c>audit_log_by_key</c>, else
    /// the log in sequence order. One statement with every filter as <c>($x IS NULL OR …)</c> used none of the
    /// indexes: SQLite plans it once for any mix of filters, as a scan.
    /// </summary>
    private static string QuerySql(AuditQuery query) => query.KeyName is not null
        ? $"SELECT {Columns} FROM audit_log a INDEXED BY audit_log_by_key WHERE a.key_name = $k AND a.sequence > $after {Filters} ORDER BY a.sequence LIMIT $limit"
        : $"SELECT {Columns} FROM audit_log a WHERE a.sequence > $after {Filters} ORDER BY a.sequence LIMIT $limit";

    private static AuditEntry ReadEntry(SqliteDataReader reader) => new(
        reader.GetInt64(0),
        new AuditEvent(
            FromMs(reader.GetInt64(1)),
            reader.IsDBNull(2) ? null : reader.GetString(2),
            reader.IsDBNull(3) ? null : reader.GetString(3),
            reader.GetString(4),
            reader.GetString(5),
            reader.GetInt32(6),
            reader.IsDBNull(7) ? null : reader.GetString(7),
            reader.IsDBNull(8) ? null : reader.GetInt64(8)),
        (byte[])reader.GetValue(9),
        (byte[])reader.GetValue(10));
}
