using ChainTrace.Core.Labels;
using ChainTrace.Risk;
using ChainTrace.Risk.Exposure;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace ChainTrace.Jobs.Jobs;

/// <summary>
/// <c>refresh-risk</c>: recomputes exposures and scores over the Bitcoin read model (as <c>risk refresh</c>), enqueued by
/// <c>recluster</c> after new blocks. The new store replaces the old one only when complete, and screening picks it up
/// on its next lookup; one run at a time.
/// </summary>
public sealed class RefreshRiskJob(JobPaths paths, ILabelStore labels, JobRuns runs, ILogger<RefreshRiskJob> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 60, 300])]
    public Task RunAsync(CancellationToken cancellationToken) => runs.TimeAsync(JobNames.RefreshRisk, async () =>
    {
        if (!Directory.Exists(Path.Combine(paths.DataDirectory, "index", "btc")))
        {
            JobLog.Skipped(logger, JobNames.RefreshRisk, "no Bitcoin read model yet");
            return;
        }

        var summary = await RiskRefresh.RunAsync(paths.DataDirectory, labels, new ExposureOptions(), null, cancellationToken).ConfigureAwait(false);
        JobLog.RiskRefreshed(logger, summary);
    });
}
