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
            {
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

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        await using var connection = await OpenReadAsync(cancellationToken).ConfigureAwait(false);
        await using var command = connection.CreateCommand();
        command.CommandText = $"""
            SELECT {AuditColumns} FROM audit_log
            WHERE ($k IS NULL OR key_name = $k) AND ($u IS NULL OR subject = $u)
              AND ($f IS NULL OR time_ms >= $f) AND ($to IS NULL OR time_ms < $to) AND sequence > $after
            ORDER BY sequence LIMIT $limit
            """;
        command.Parameters.AddWithValue("$k", Db(query.KeyName));
        command.Parameters.AddWithValue("$u", Db(query.Subject));
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
