using ChainTrace.Core.Access;
using ChainTrace.Core.Ports;
using Microsoft.Extensions.Logging;

namespace ChainTrace.Api.Audit;

/// <summary>
/// The durable first stop of audit entries: <see cref="AuditBatcher"/> writes each batch to a journal file and
/// fsyncs it (a small sequential write) before the batch's requests are answered; a copier moves journaled entries
/// into the hash-chained <see cref="IAuditLog"/> in large batches shortly after, recording in the same transaction
/// how far the journal is copied. On start, journals left by a crash are copied from that mark on (so each entry
/// once) and removed. An answered request's entry therefore survives a killed process or a power loss exactly as
/// with a direct commit; it reaches the audit log (and its queries, which <see cref="FlushAsync"/> first) within
/// <see cref="CopyDelay"/> plus one commit.
/// </summary>
public sealed partial class AuditJournal(string directory, IAuditLog log, ILogger<AuditJournal> logger) : IDisposable
{
    public static readonly TimeSpan CopyDelay = TimeSpan.FromMilliseconds(250);

    private const int CopyBatch = 8192;
    private const long RotateBytes = 64L << 20;
    // Entries acknowledged but not yet copied are held in memory too; past this many (the audit log unreachable for
    // a long time), requests fail rather than the process growing without bound.
    private const int MaxUncopied = 1_000_000;

    private readonly Lock _lock = new();
    private readonly Queue<Journaled> _uncopied = new();
    private readonly List<AuditJournalFile> _retired = [];
    private readonly SemaphoreSlim _wake = new(0);
    private readonly List<(long Target, TaskCompletionSource Done)> _flushes = [];
    private AuditJournalFile? _file;
    private long _journaled;
    private long _copied;
    private Exception? _copyError;

    public string Directory => directory;

    /// <summary>Copies what journals of an earlier run hold beyond their mark into the log, removes them, and opens a new journal.</summary>
    public async Task RecoverAsync(CancellationToken cancellationToken)
    {
        if (System.IO.Directory.Exists(directory))
        {
            foreach (var path in System.IO.Directory.EnumerateFiles(directory, "*" + AuditJournalFile.Extension).Order(StringComparer.Ordinal))
            {
#pragma warning disable CA2000 // disposed by the using; the analyser misreads the factory that returns null when the file is held
                using (var claimed = AuditJournalFile.TryClaim(path))
#pragma warning restore CA2000
                {
                    if (claimed is not null)
                    {
                        await RecoverAsync(path, claimed, cancellationToken).ConfigureAwait(false);
                    }
                }
            }
        }

        _file = AuditJournalFile.Create(directory);
    }

    public void Dispose()
    {
        _file?.Dispose();
        _wake.Dispose();
    }

    private async Task RecoverAsync(string path, FileStream claimed, CancellationToken cancellationToken)
    {
        var id = Path.GetFileNameWithoutExtension(path);
        var (records, tornTail) = AuditJournalFile.Read(claimed);
        var position = await log.GetJournalPositionAsync(id, cancellationToken).ConfigureAwait(false);
        var missing = records.Where(r => r.Number > position).ToList();
        foreach (var chunk in missing.Chunk(CopyBatch))
        {
            await log.AppendAsync([.. chunk.Select(r => r.Event)], new AuditJournalMark(id, chunk[^1].Number), cancellationToken).ConfigureAwait(false);
        }

        LogRecovered(logger, id, missing.Count, records.Count, tornTail);
        File.Delete(path);
    }

    /// <summary>Journals <paramref name="events"/> durably (one write, one fsync) and queues them for the copier.</summary>
    public void Write(IReadOnlyList<AuditEvent> events)
    {
        ArgumentNullException.ThrowIfNull(events);
        var file = _file ?? throw new InvalidOperationException("the audit journal is not open");
        lock (_lock)
        {
            if (_uncopied.Count + events.Count > MaxUncopied)
            {
                throw new InvalidOperationException($"{_uncopied.Count} audit entries are waiting for the audit log ({_copyError?.Message ?? "not copied yet"}); the request is not answered");
            }
        }

        var last = file.Append(events);
        lock (_lock)
        {
            var number = last - events.Count;
            foreach (var e in events)
            {
                _uncopied.Enqueue(new Journaled(file, ++number, e));
            }

            _journaled += events.Count;
            if (file.Length > RotateBytes)
            {
                _retired.Add(file);
                _file = AuditJournalFile.Create(directory);
            }
        }

        if (_wake.CurrentCount == 0)
        {
            _wake.Release();
        }
    }

    /// <summary>Completes once every entry journaled before the call is in the audit log.</summary>
    public Task FlushAsync(CancellationToken cancellationToken)
    {
        TaskCompletionSource done;
        lock (_lock)
        {
            if (_copied >= _journaled)
            {
                return Task.CompletedTask;
            }

            if (_copyError is { } error)
            {
                return Task.FromException(new InvalidOperationException($"journaled audit entries cannot be copied into the audit log: {error.Message}", error));
            }

            done = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            _flushes.Add((_journaled, done));
        }

        _wake.Release();
        return done.Task.WaitAsync(cancellationToken);
    }

    /// <summary>Copies journaled entries into the log until <paramref name="stop"/> completes, then copies what is left and closes the journal.</summary>
    public async Task RunCopierAsync(Task stop)
    {
        ArgumentNullException.ThrowIfNull(stop);
        while (true)
        {
            var stopping = stop.IsCompleted;
            if (!stopping)
            {
                await Task.WhenAny(_wake.WaitAsync(), stop).ConfigureAwait(false);
                // Let a batch gather unless a reader waits for it: one large commit instead of many small ones.
                if (!FlushWaiting())
                {
                    await Task.WhenAny(Task.Delay(CopyDelay), stop).ConfigureAwait(false);
                }
            }

            while (Take() is { Count: > 0 } batch)
            {
                await CopyAsync(batch).ConfigureAwait(false);
            }

            if (stopping)
            {
                break;
            }
        }

        lock (_lock)
        {
            if (_uncopied.Count == 0 && _file is { } file)
            {
                _retired.Add(file);
                _file = null;
            }

            RemoveCopiedFiles();
        }
    }

    private bool FlushWaiting()
    {
        lock (_lock)
        {
            return _flushes.Count > 0;
        }
    }

    /// <summary>The oldest uncopied entries of one journal file, up to <see cref="CopyBatch"/>.</summary>
    private List<Journaled> Take()
    {
        lock (_lock)
        {
            var batch = new List<Journaled>(Math.Min(CopyBatch, _uncopied.Count));
            foreach (var each in _uncopied)
            {
                if (batch.Count == CopyBatch || (batch.Count > 0 && each.File != batch[0].File))
                {
                    break;
                }

                batch.Add(each);
            }

            return batch;
        }
    }

    private async Task CopyAsync(List<Journaled> batch)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                await log.AppendAsync([.. batch.Select(j => j.Event)], new AuditJournalMark(batch[0].File.Id, batch[^1].Number), CancellationToken.None).ConfigureAwait(false);
                break;
            }
#pragma warning disable CA1031 // the entries are safe in the journal: log, back off and try again
            catch (Exception error)
#pragma warning restore CA1031
            {
                lock (_lock)
                {
                    _copyError = error;
                }

                LogCopyFailed(logger, error, batch.Count, attempt);
                await Task.Delay(TimeSpan.FromMilliseconds(Math.Min(5000, 100 * attempt))).ConfigureAwait(false);
            }
        }

        lock (_lock)
        {
            _copyError = null;
            for (var i = 0; i < batch.Count; i++)
            {
                _uncopied.Dequeue();
            }

            _copied += batch.Count;
            for (var i = _flushes.Count - 1; i >= 0; i--)
            {
                if (_flushes[i].Target <= _copied)
                {
                    _flushes[i].Done.TrySetResult();
                    _flushes.RemoveAt(i);
                }
            }

            RemoveCopiedFiles();
        }
    }

    /// <summary>Deletes rotated journals none of whose entries still wait (under the lock).</summary>
    private void RemoveCopiedFiles()
    {
        for (var i = _retired.Count - 1; i >= 0; i--)
        {
            var file = _retired[i];
            if (!_uncopied.Any(j => j.File == file))
            {
                file.Dispose();
                File.Delete(file.Path);
                _retired.RemoveAt(i);
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Audit journal {Journal}: copied {Missing} of its {Records} entries into the audit log after a restart (torn tail: {TornTail})")]
    private static partial void LogRecovered(ILogger logger, string journal, int missing, int records, bool tornTail);

    [LoggerMessage(Level = LogLevel.Error, Message = "Copying {Count} journaled audit entries into the audit log failed (attempt {Attempt}); they stay in the journal and are retried")]
    private static partial void LogCopyFailed(ILogger logger, Exception error, int count, int attempt);

    private sealed record Journaled(AuditJournalFile File, long Number, AuditEvent Event);
}
