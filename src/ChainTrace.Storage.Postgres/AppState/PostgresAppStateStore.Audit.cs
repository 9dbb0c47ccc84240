using System.Runtime.CompilerServices;
using ChainTrace.Core.Access;
using Npgsql;
using NpgsqlTypes;

namespace ChainTrace.Storage.Postgres.AppState;

public sealed partial class PostgresAppStateStore
{
    private const string AuditColumns = "sequence, time_ms, key_name, role, endpoint, subject, status, decision, data_height, previous_hash, hash";

    // Held for the length of an append transaction by whichever process appends: the chain's end is read and
    // extended by one writer at a time across every API node. "CTAUDIT1".
    private const long AuditLockKey = 0x4354_4155_4449_5431;

    public Task<IReadOnlyList<AuditEntry>> AppendAsync(IReadOnlyList<AuditEvent> events, CancellationToken cancellationToken) =>
        AppendCoreAsync(events, null, cancellationToken);

    public Task<IReadOnlyList<AuditEntry>> AppendAsync(IReadOnlyList<AuditEvent> events, AuditJournalMark mark, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(mark);
        return AppendCoreAsync(events, mark, cancellationToken);
    }

    public async Task<long> GetJournalPositionAsync(string journal, CancellationToken cancellationToken)
    {
        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var command = new NpgsqlCommand("SELECT position FROM audit_journals WHERE journal = @j", connection);
        command.Parameters.AddWithValue("j", journal);
        return await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false) is long position ? position : 0;
    }

    private async Task<IReadOnlyList<AuditEntry>> AppendCoreAsync(IReadOnlyList<AuditEvent> events, AuditJournalMark? mark, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(events);
        if (events.Count == 0 && mark is null)
        {
            return [];
        }

        await using var connection = await _dataSource.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        await using var transaction = await connection.BeginTransactionAsync(cancellationToken).ConfigureAwait(false);
        await using (var lockCommand = new NpgsqlCommand("SELECT pg_advisory_xact_lock(@k)", connection, transaction))
        {
            lockCommand.Parameters.AddWithValue("k", AuditLockKey);
            await lockCommand.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        long lastSequence = 0;
        ReadOnlyMemory<byte> lastHash = AuditChain.Genesis;
        await using (var last = new NpgsqlCommand("SELECT sequence, hash FROM audit_log ORDER BY sequence DESC LIMIT 1", connection, transaction))
        await using (var reader = await last.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false))
        {
            if (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                lastSequence = reader.GetInt64(0);
                lastHash = (byte[])reader.GetValue(1);
            }
        }

        var entries = AuditChain.Link(lastSequence, lastHash, events);
        await using var batch = new NpgsqlBatch(connection, transaction);
        foreach (var entry in entries)
        {
            var e = entry.Event;
            var insert = new NpgsqlBatchCommand($"INSERT INTO audit_log ({AuditColumns}) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)");
            insert.Parameters.Add(new NpgsqlParameter<long>{ TypedValue = entry.Sequence });
            insert.Parameters.Add(new NpgsqlParameter<long>{ TypedValue = ToMs(e.Time) });
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = Db(e.KeyName) });
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = Db(e.Role) });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.Endpoint });
            insert.Parameters.Add(new NpgsqlParameter<string> { TypedValue = e.Subject });
            insert.Parameters.Add(new NpgsqlParameter<int> { TypedValue = e.Status });
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Text, Value = Db(e.Decision) });
            insert.Parameters.Add(new NpgsqlParameter { NpgsqlDbType = NpgsqlDbType.Bigint, Value = Db(e.DataHeight) });
            insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = entry.PreviousHash.ToArray() });
            insert.Parameters.Add(new NpgsqlParameter<byte[]> { TypedValue = entry.Hash.ToArray() });
            batch.BatchCommands.Add(insert);
        }

        if (mark is not null)
        {
            var record = new NpgsqlBatchCommand("INSERT INTO audit_journals (journal, position) VALUES ($1, $2) ON CONFLICT (journal) DO UPDATE SET position = excluded.position");
            record.Parameters.Add(new NpgsqlParameter<string> { TypedValue = mark.Journal });
            record.Parameters.Add(new NpgsqlParameter<long> { TypedValue = mark.Position });
            batch.BatchCommands.Add(record);
        }

        await batch.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return entries;
    }

    public async Task<AuditPage> QueryAsync(AuditQuery query, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(query);
        // Only the filters the query has, so that the plan is the one for them (subject or key index) whichever
        // plan PostgreSQL caches; every value is still a parameter.
        var where = new List<string> { "sequence > @after" };
        if (query.KeyName is not null)
        {
            where.Add("key_name = @k::text");
        }

        if (query.Subject is not null)
        {
            where.Add("subject = @u::text");
        }

        if (query.From is not null)
        {
            where.Add("time_ms >= @f::bigint");
        }

        if (query.To is not null)
        {
            where.Add("time_ms < @to::bigint");
        }

        var entries = (await QueryAsync(
            $"SELECT {AuditColumns} FROM audit_log WHERE {string.Join(" AND ", where)} ORDER BY sequence LIMIT @limit",
            ReadEntry,
            cancellationToken,
            ("k", query.KeyName), ("u", query.Subject), ("f", NullableMs(query.From)), ("to", NullableMs(query.To)),
            ("after", query.AfterSequence ?? 0L), ("limit", (long)query.Limit + 1)).ConfigureAwait(false)).ToList();
        if (entries.Count <= query.Limit)
        {
            return new AuditPage(entries, null);
        }

        entries.RemoveAt(entries.Count - 1);
        return new AuditPage(entries, entries[^1].Sequence);
    }

    public async IAsyncEnumerable<AuditEntry> ReadAllAsync([EnumeratorCancellation] CancellationToken cancellationToken)
    {
        await using var command = Command($"SELECT {AuditColumns} FROM audit_log ORDER BY sequence");
        await using var reader = await command.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
        while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
        {
            yield return ReadEntry(reader);
        }
    }

    private static AuditEntry ReadEntry(NpgsqlDataReader reader) => new(
        reader.GetInt64(0),
        new AuditEvent(
            FromMs(reader.GetInt64(1)),
            NullableString(reader, 2),
            NullableString(reader, 3),
            reader.GetString(4),
            reader.GetString(5),
            reader.GetInt32(6),
            NullableString(reader, 7),
            reader.IsDBNull(8) ? null : reader.GetInt64(8)),
        (byte[])reader.GetValue(9),
        (byte[])reader.GetValue(10));
}
