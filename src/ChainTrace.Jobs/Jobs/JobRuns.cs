using System.Collections.Concurrent;
using System.Diagnostics;
using ChainTrace.Jobs.Operability;
using Microsoft.Extensions.Logging;

namespace ChainTrace.Jobs.Jobs;

/// <summary>Times each job run: its duration and failure in the metrics, its success in the shared operational state (health).</summary>
public sealed class JobRuns(TimeProvider time, JobMetrics metrics, OperationalState state, ILogger<JobRuns> logger)
{
    private readonly ConcurrentDictionary<string, DateTimeOffset> _lastSuccess = new();

    public IReadOnlyDictionary<string, DateTimeOffset> LastSuccess => _lastSuccess;

    public async Task TimeAsync(string job, Func<Task> run)
    {
        ArgumentNullException.ThrowIfNull(run);
        var clock = Stopwatch.StartNew();
        try
        {
            await run().ConfigureAwait(false);
            _lastSuccess[job] = time.GetUtcNow();
            state.JobSucceeded(job, _lastSuccess[job]);
            metrics.JobRan(job, clock.Elapsed, failed: false);
            JobLog.Succeeded(logger, job, clock.ElapsedMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            metrics.JobRan(job, clock.Elapsed, failed: true);
            JobLog.Failed(logger, ex, job, clock.ElapsedMilliseconds);
            throw;
        }
    }
}
