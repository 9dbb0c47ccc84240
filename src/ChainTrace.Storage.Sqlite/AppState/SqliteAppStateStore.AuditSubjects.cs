using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite.AppState;

/// <summary>
/// The audit log's subject index (<c>audit_subjects</c>, migration 006): filled in sorted batches behind
/// <c>audit_subject_mark</c>, not entry by entry, so a batch's rows land together in the pages of its bucket.
/// </summary>
public sealed partial class SqliteAppStateStore
{
    /// <summary>How many entries past the mark start a batch; the query reads at most about this many from the log itself.</summary>
    internal const int SubjectBatch = 1 << 16;

    /// <summary>Sequences per bucket (2^18): a batch writes into at most two buckets' pages, and a subject query seeks once per bucket.</summary>
    private const int SubjectBucketShift = 18;

    /// <summary>The mark as last indexed by this store (read and written under the write lock).</summary>
    private long _subjectMark;

    /// <summary>The key of <c>audit_subjects</c>: the subject's 64-bit tag (<see cref="Utxo.KeyTags.TextTag"/>).</summary>
    internal static long SubjectHash(string subject) => Utxo.KeyTags.TextTag(subject);

    internal static long SubjectBucket(long sequence) => sequence >> SubjectBucketShift;

    private static async Task<long> ReadSubjectMarkAsync(SqliteConnection connection, SqliteTransaction? transaction, CancellationToken cancellationToken)
    {
        await using var command = connection.CreateCommand();
        command.Transaction = transaction;
        command.CommandText = "SELECT sequence FROM audit_subject_mark WHERE id = 1";
        return (long)(await command.ExecuteScalarAsync(cancellationToken).ConfigureAwait(false))!;
    }

    /// <summary>Indexes a batch after an append, under the write lock; the entries are committed already, so a failure only leaves them to the next batch (the query reads them from the log meanwhile).</summary>
    private async Task TryIndexSubjectsAsync()
    {
        try
        {
            _subjectMark = await IndexSubjectsAsync(_writer, CancellationToken.None).ConfigureAwait(false);
        }
        catch (SqliteException)
        {
            // Not indexed now: the next append past the batch size tries again, and the store's next open too.
        }
    }

    /// <summary>
    /// Indexes the subjects of every entry after the mark and moves the mark past them: in transactions of at most
    /// <see cref="SubjectChunk"/> entries (a store migrated with a long log is not read into memory at once), each
    /// reading the mark itself (another process on the file may have indexed meanwhile). Returns the new mark.
    /// </summary>
    private static async Task<long> IndexSubjectsAsync(SqliteConnection writer, CancellationToken cancellationToken)
    {
        while (true)
        {
            var (mark, indexed) = await IndexSubjectChunkAsync(writer, cancellationToken).ConfigureAwait(false);
            if (indexed < SubjectChunk)
            {
                return mark;
            }
        }
    }

    private const int SubjectChunk = 1 << 20;

    private static async Task<(long Mark, int Indexed)> IndexSubjectChunkAsync(SqliteConnection writer, CancellationToken cancellationToken)
    {
        await using var transaction = writer.BeginTransaction(deferred: false);
        var mark = await ReadSubjectMarkAsync(writer, transaction, cancellationToken).ConfigureAwait(false);
        var rows = new List<(long Bucket, long Hash, long Sequence)>();
        await using (var select = writer.CreateCommand())
        {
            select.Transaction = transaction;
            select.CommandText = "SELECT sequence, subject FROM audit_log WHERE sequence > $mark ORDER BY sequence LIMIT $chunk";
            select.Parameters.AddWithValue("$mark", mark);
            select.Parameters.AddWithValue("$chunk", SubjectChunk);
            await using var reader = await select.ExecuteReaderAsync(cancellationToken).ConfigureAwait(false);
            while (await reader.ReadAsync(cancellationToken).ConfigureAwait(false))
            {
                var sequence = reader.GetInt64(0);
                rows.Add((SubjectBucket(sequence), SubjectHash(reader.GetString(1)), sequence));
            }
        }

        if (rows.Count == 0)
        {
            return (mark, 0);
        }

        var last = rows[^1].Sequence;
        rows.Sort();
        using (var insert = new RawStatement(writer, "INSERT INTO audit_subjects (bucket, subject_hash, sequence) VALUES (?1, ?2, ?3)"))
        {
            foreach (var row in rows)
            {
                insert.Bind(1, row.Bucket);
                insert.Bind(2, row.Hash);
                insert.Bind(3, row.Sequence);
                insert.Execute();
            }
        }

        await using (var move = writer.CreateCommand())
        {
            move.Transaction = transaction;
            move.CommandText = "UPDATE audit_subject_mark SET sequence = $s WHERE id = 1";
            move.Parameters.AddWithValue("$s", last);
            await move.ExecuteNonQueryAsync(cancellationToken).ConfigureAwait(false);
        }

        await transaction.CommitAsync(cancellationToken).ConfigureAwait(false);
        return (last, rows.Count);
    }
}
