using ChainTrace.Core.Labels;
using ChainTrace.Core.Ports;
using ChainTrace.Risk;
using ChainTrace.Risk.Exposure;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace ChainTrace.Jobs.Jobs;

/// <summary>
/// <c>refresh-risk</c>: brings the stored exposures and scores up to the read models (as <c>risk refresh</c>): on
/// Bitcoin only what new or rolled-back blocks changed when the stored refresh allows it, else in bulk; on Ethereum
/// going on from the stored refresh over new blocks when it allows it (<see cref="EthRiskRefresh"/>), else in bulk. Enqueued by <c>recluster</c> after new blocks. A new store replaces the old one only when complete, and
/// screening picks it up on its next lookup; one run at a time.
/// </summary>
public sealed class RefreshRiskJob(JobPaths paths, IStoredBlockFeed store, ILabelStore labels, JobRuns runs, ILogger<RefreshRiskJob> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 60, 300])]
    public Task RunAsync(CancellationToken cancellationToken) => runs.TimeAsync(JobNames.RefreshRisk, async () =>
    {
        var btc = Directory.Exists(Path.Combine(paths.DataDirectory, "index", "btc"));
        var eth = Directory.Exists(Path.Combine(paths.DataDirectory, "index", "eth"));
        if (!btc && !eth)
        {
            JobLog.Skipped(logger, JobNames.RefreshRisk, "no read model yet");
            return;
        }

        if (btc)
        {
            var summary = await RiskRefresh.RunAsync(paths.DataDirectory, store, labels, new ExposureOptions(), null, cancellationToken).ConfigureAwait(false);
            JobLog.RiskRefreshed(logger, summary);
        }

        if (eth)
        {
            var summary = await EthRiskRefresh.RunAsync(paths.DataDirectory, labels, new ExposureOptions(), null, cancellationToken).ConfigureAwait(false);
            JobLog.RiskRefreshed(logger, summary);
        }
    });
}
