using Hangfire.Server;
using Microsoft.Extensions.Logging;

namespace ChainTrace.Jobs.Hosting;

/// <summary>
/// Logs every job run this process performs, with the Hangfire job id and the process id, so several workers' logs
/// show which process ran which job (each id once, whatever the number of workers).
/// </summary>
internal sealed class JobRunFilter(ILogger<JobRunFilter> logger) : IServerFilter
{
    public void OnPerforming(PerformingContext context)
    {
    }

    public void OnPerformed(PerformedContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var job = context.BackgroundJob;
        JobLog.Performed(logger, job.Id, job.Job.Type.Name, Environment.ProcessId, context.Exception is null ? "succeeded" : "failed");
    }
}
