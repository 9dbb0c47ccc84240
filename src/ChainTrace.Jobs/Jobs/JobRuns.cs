using System.Collections.Concurrent;
using System.Diagnostics;
using Microsoft.Extensions.Logging;

namespace ChainTrace.Jobs.Jobs;

/// <summary>Each job's last success and last failure in this process, for logs and health.</summary>
public sealed class JobRuns(TimeProvider time, ILogger<JobRuns> logger)
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
            JobLog.Succeeded(logger, job, clock.ElapsedMilliseconds);
        }
        catch (Exception ex) when (ex is not OperationCanceledException)
        {
            JobLog.Failed(logger, ex, job, clock.ElapsedMilliseconds);
            throw;
        }
    }
}
