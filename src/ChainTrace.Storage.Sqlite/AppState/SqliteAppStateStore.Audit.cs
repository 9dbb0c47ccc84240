using System.Runtime.CompilerServices;
using ChainTrace.Core.Access;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite.AppState;

public sealed partial class SqliteAppStateStore
{
    private static readonly string[] AuditParameterNames = ["$s", "$t", "$k", "$r", "$e", "$u", "$st", "$d", "$h", "$p", "$x"];

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
            await using (var insert = _writer.CreateCommand())
            await using (var indexSubject = _writer.CreateCommand())
            {
                indexSubject.Transaction = transaction;
                indexSubject.CommandText = "INSERT INTO audit_subjects (subject_hash, sequence) VALUES ($h, $s)";
                var subjectHash = indexSubject.Parameters.Add("$h", SqliteType.Integer);
                var subjectSequence = indexSubject.Parameters.Add("$s", SqliteType.Integer);
                indexSubject.Prepare();
                insert.Transaction = transaction;
                insert.CommandText = $"INSERT INTO audit_log ({AuditColumns}) VALUES ($s, $t, $k, $r, $e, $u, $st, $d, $h, $p, $x)";
                var parameters = AuditParameterNames
                    .Select(name => insert.Parameters.Add(name, SqliteType.Blob)).ToArray();
                insert.Prepare();
                foreach (var entry in entries)
                {
                    var e = entry.Event;
                    object?[] values = [entry.Sequence, ToMs(e.Time), e.KeyName, e.Role, e.Endpoint, e.Subject, e.Status, e.Decision, e.DataHeight, entry.PreviousHash.ToArray(), entry.Hash.ToArray()];
                    for (var i = 0; i < values.Length; i++)
                    {
                        parameters[i].SqliteType = values[i] switch
                        {
                            long or int => SqliteType.Integer,
                            string => SqliteType.Text,
                            _ => SqliteType.Blob,
                        };
                        parameters[i].Value = Db(values[i]);
                    }

                    await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
                    subjectHash.Value = SubjectHash(e.Subject);
                    subjectSequence.Value = entry.Sequence;
                    await indexSubject.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
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
            return entries;
        }
        finally
        {
            _writeLock.Release();
        }
    }

    [System.Diagnostics.CodeAnalysis.SuppressMessage("Security", "CA2100", Justification = "QuerySql composes constant SQL only; every value is a bound parameter.")]
    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = QuerySql(query);
        command.Parameters.AddWithValue("$k", Db(query.KeyName));
        command.Parameters.AddWithValue("$u", Db(query.Subject));
        command.Parameters.AddWithValue("$uh", query.Subject is { } subject ? SubjectHash(subject) : 0L);
        command.Parameters.AddWithValue("$f", Db(query.From is { } f ? ToMs(f) : null));
        command.Parameters.AddWithValue("$to", Db(query.To is { } t ? ToMs(t) : null));
        command.Parameters.AddWithValue("$after", query.AfterSequence ?? 0);
        command.Parameters.AddWithValue("$limit", query.Limit + 1);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        var entries = new List<AuditEntry>();
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            entries.Add(ReadEntry(reader));
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

    /// <summary>
    /// The query for <paramref name="query"/>'s filters, led by the index that narrows it most: a subject through
    /// <c>audit_subjects</c> (its hash, then the text, so a collision never answers another subject), else a key
    /// through <c>audit_log_by_key</c>, else the log in sequence order. One statement with every filter as
    /// <c>($x IS NULL OR …)</c> used none of the indexes: SQLite plans it once for any mix of filters, as a scan.
    /// </summary>
    private static string QuerySql(AuditQuery query)
    {
        const string Time = "AND ($f IS NULL OR a.time_ms >= $f) AND ($to IS NULL OR a.time_ms < $to)";
        const string Rest = Time + " ORDER BY a.sequence LIMIT $limit";
        var columns = string.Join(", ", AuditColumns.Split(", ").Select(c => "a." + c));
        if (query.Subject is not null)
        {
            return $"SELECT {columns} FROM audit_subjects s JOIN audit_log a ON a.sequence = s.sequence " +
                $"WHERE s.subject_hash = $uh AND s.sequence > $after AND a.subject = $u AND ($k IS NULL OR a.key_name = $k) {Time} ORDER BY s.sequence LIMIT $limit";
        }

        return query.KeyName is not null
            ? $"SELECT {columns} FROM audit_log a INDEXED BY audit_log_by_key WHERE a.key_name = $k AND a.sequence > $after {Rest}"
            : $"SELECT {columns} FROM audit_log a WHERE a.sequence > $after {Rest}";
    }

    /// <summary>The 64-bit FNV-1a hash of the subject's UTF-16 code units: the key of <c>audit_subjects</c>. Stable across versions (stored).</summary>
    internal static long SubjectHash(string subject)
    {
        var hash = 14695981039346656037UL;
        foreach (var c in subject)
        {
            hash = (hash ^ c) * 1099511628211UL;
        }

        return unchecked((long)hash);
    }

    /// <summary>
    /// Indexes the subjects of entries logged before <c>audit_subjects</c> existed (a store migrated from the text
    /// index): every entry after the last indexed one, in one transaction. New entries are indexed as they are appended.
    /// </summary>
    private static async Task IndexLoggedSubjectsAsync(SqliteConnection writer, CancellationToken cancellationToken)
    {
        await using var transaction = writer.BeginTransaction(deferred: false);
        await using var select = writer.CreateCommand();
        select.Transaction = transaction;
        select.CommandText = "SELECT sequence, subject FROM audit_log WHERE sequence > (SELECT ifnull(max(sequence), 0) FROM audit_subjects) ORDER BY sequence";
        await using var insert = writer.CreateCommand();
        insert.Transaction = transaction;
        insert.CommandText = "INSERT INTO audit_subjects (subject_hash, sequence) VALUES ($h, $s)";
        var hash = insert.Parameters.Add("$h", SqliteType.Integer);
        var sequence = insert.Parameters.Add("$s", SqliteType.Integer);
        await using (var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                sequence.Value = reader.GetInt64(0);
                hash.Value = SubjectHash(reader.GetString(1));
                await insert.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
            }
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
    }

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
