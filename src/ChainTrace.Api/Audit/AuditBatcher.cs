using System.Threading.Channels;
using ChainTrace.Core.Access;
using ChainTrace.Core.Ports;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace ChainTrace.Api.Audit;

/// <summary>
/// Group commit for the audit log: requests hand in their event and wait; one writer takes everything that queued
/// while the previous batch was being written and makes it durable in one go (one fsync), then releases all of
/// those requests. An answered request therefore always has its entry on disk, at the cost of one fsync per batch
/// rather than per request. With an <see cref="AuditJournal"/> (the service's default) the batch goes to the
/// journal and reaches the log shortly after; without one, it is appended to the log in one transaction.
/// </summary>
public sealed partial class AuditBatcher(IAuditLog log, ILogger<AuditBatcher> logger, AuditJournal? journal = null) : BackgroundService
{
    private const int MaxBatch = 512;

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    /// <summary>Completes when the event is durably in the log; faults when it could not be written.</summary>
    public Task AppendAsync(AuditEvent auditEvent)
    {
        // Completed by the writer once the batch is durable, and the waiting request goes on on the writer's thread
        // (finishing its answer is short, and it awaits on when it must): a thread-pool hand-off per request was a
        // wake-up and a context switch each, more than the rest of the answer after the fsync.
        var pending = new Pending(auditEvent, new TaskCompletionSource());
        return _queue.Writer.TryWrite(pending)
            ? pending.Done.Task
            : Task.FromException(new InvalidOperationException("the audit log is shut down; the request is not answered"));
    }

    /// <summary>Completes once every entry answered so far is in the audit log itself (not only in the journal).</summary>
    public Task FlushAsync(CancellationToken cancellationToken) => journal?.FlushAsync(cancellationToken) ?? Task.CompletedTask;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Shutdown does not cancel the loop mid-batch: it stops taking requests and drains what is queued.
        stoppingToken.Register(() => _queue.Writer.TryComplete());
        if (journal is null)
        {
            await RunAsync(events => log.AppendAsync(events, CancellationToken.None)).ConfigureAwait(false);
            return;
        }

        await journal.RecoverAsync(CancellationToken.None).ConfigureAwait(false);
        var written = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        var copier = journal.RunCopierAsync(written.Task);
        try
        {
            await RunAsync(events =>
            {
                journal.Write(events);
                return Task.CompletedTask;
            }).ConfigureAwait(false);
        }
        finally
        {
            written.TrySetResult();
            await copier.ConfigureAwait(false);
        }
    }

    private async Task RunAsync(Func<IReadOnlyList<AuditEvent>, Task> write)
    {
        var batch = new List<Pending>(MaxBatch);
        var events = new List<AuditEvent>(MaxBatch);
        while (await _queue.Reader.WaitToReadAsync(CancellationToken.None).ConfigureAwait(false))
        {
            batch.Clear();
            events.Clear();
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                events.Add(pending.Event);
            }

            try
            {
                await write(events).ConfigureAwait(false);
                foreach (var pending in batch)
                {
                    pending.Done.TrySetResult();
                }
            }
#pragma warning disable CA1031 // every failure must reach the waiting requests, which then answer 500
            catch (Exception error)
#pragma warning restore CA1031
            {
                LogAppendFailed(logger, error, batch.Count);
                foreach (var pending in batch)
                {
                    pending.Done.TrySetException(error);
                }
            }
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit append of {Count} entries failed; those requests get 500")]
    private static partial void LogAppendFailed(ILogger logger, Exception error, int count);

    private sealed record Pending(AuditEvent Event, TaskCompletionSource Done);
}
