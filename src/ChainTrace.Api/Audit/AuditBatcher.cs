using System.Diagnostics;
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
/// <para>Before writing, the writer waits a little for the requests already being answered (<see cref="Enter"/>ed,
/// not yet handed in): under load most of them hand in within a few scheduling rounds, and joining this batch saves
/// each its own fsync a moment later (PostgreSQL's <c>commit_delay</c> with <c>commit_siblings</c>, here without a
/// fixed sleep). It gives up as soon as a round brings nothing new, so a slow request in flight (a trace) delays a
/// batch by a few thread-pool rounds, not by its own duration; but while the thread pool has work queued (the CPU is
/// busy with other requests, so waiting idles nothing) it goes on for up to a millisecond.</para>
/// </summary>
public sealed partial class AuditBatcher(IAuditLog log, ILogger<AuditBatcher> logger, AuditJournal? journal = null) : BackgroundService
{
    private const int MaxBatch = 512;
    // Scheduling rounds the writer gives answering requests to join a batch (each round ends as soon as the thread
    // pool has run what was queued before it).
    private const int MaxGatherRounds = 8;

    // How long the writer goes on gathering while the thread pool is busy (screen benchmark, 32 connections: server
    // CPU per screening ~78 -> ~68 us, 19.2k -> 21.7k requests/s over alternating runs, p99 unchanged).
    private static readonly TimeSpan MaxBusyGather = TimeSpan.FromMilliseconds(1);

    private readonly Channel<Pending> _queue = Channel.CreateUnbounded<Pending>(new UnboundedChannelOptions { SingleReader = true });

    private int _answering;
    private long _batches;
    private long _events;

    /// <summary>Batches written and the events they held, since start (their ratio is the group commit's batch size).</summary>
    public (long Batches, long Events) Written => (Interlocked.Read(ref _batches), Interlocked.Read(ref _events));

    /// <summary>Says an audited request is being answered: its event follows in <see cref="AppendAsync"/>, which every caller of this must call.</summary>
    public void Enter() => Interlocked.Increment(ref _answering);

    /// <summary>Ends what <see cref="Enter"/> began when no event follows (its entry could not be made).</summary>
    public void Leave() => Interlocked.Decrement(ref _answering);

    /// <summary>Completes when the event is durably in the log; faults when it could not be written. Ends what <see cref="Enter"/> began.</summary>
    public Task AppendAsync(AuditEvent auditEvent)
    {
        Leave();
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
            await GatherAsync(batch, events).ConfigureAwait(false);
            try
            {
                await write(events).ConfigureAwait(false);
                Interlocked.Increment(ref _batches);
                Interlocked.Add(ref _events, events.Count);
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

    /// <summary>Takes what is queued; while requests are still being answered, yields to them and takes what they hand in, until a round brings nothing.</summary>
    private async Task GatherAsync(List<Pending> batch, List<AuditEvent> events)
    {
        var started = Stopwatch.GetTimestamp();
        for (var round = 0; ; round++)
        {
            var before = batch.Count;
            while (batch.Count < MaxBatch && _queue.Reader.TryRead(out var pending))
            {
                batch.Add(pending);
                events.Add(pending.Event);
            }

            // While the thread pool has work queued the CPU is busy answering anyway: waiting on costs nothing, and
            // every request that joins saves an fsync (which, on a virtual disk, costs CPU time too), up to a bound.
            var busy = ThreadPool.PendingWorkItemCount > 0 && Stopwatch.GetElapsedTime(started) < MaxBusyGather;
            if (batch.Count >= MaxBatch || (!busy && (round >= MaxGatherRounds || Volatile.Read(ref _answering) <= 0 || (round > 0 && batch.Count == before))))
            {
                return;
            }

            await Task.Yield();
        }
    }

    [LoggerMessage(Level = LogLevel.Error, Message = "Audit append of {Count} entries failed; those requests get 500")]
    private static partial void LogAppendFailed(ILogger logger, Exception error, int count);

    private sealed record Pending(AuditEvent Event, TaskCompletionSource Done);
}
