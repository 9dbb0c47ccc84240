using ChainTrace.Core.Chains;
using ChainTrace.Core.Clustering;
using ChainTrace.Core.Ports;
using ChainTrace.Index.Service;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace ChainTrace.Jobs.Jobs;

/// <summary>
/// <c>recluster</c>: brings each ingested chain's read model and clusters up to the store (incremental on Bitcoin, as
/// <c>cluster update</c>), then enqueues <c>refresh-risk</c> when blocks were added or rolled back. One run at
/// a time across processes; a repeated run finds nothing new and changes nothing.
/// </summary>
public sealed class ReclusterJob(IClusterQueries clusters, IChainProgressStore progress, IBackgroundJobClient jobs, JobRuns runs, ILogger<ReclusterJob> logger)
{
    [DisableConcurrentExecution(timeoutInSeconds: 600)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [10, 60, 300])]
    public Task RunAsync(CancellationToken cancellationToken) => runs.TimeAsync(JobNames.Recluster, async () =>
    {
        var service = clusters as ClusterService ?? throw new InvalidOperationException("recluster needs the read model's cluster service");
        var changed = false;
        foreach (var chain in new[] { Chain.Btc, Chain.Eth })
        {
            if (await progress.GetTipAsync(chain, cancellationToken).ConfigureAwait(false) is null)
            {
                continue;
            }

            var summary = await service.UpdateAsync(chain, null, cancellationToken).ConfigureAwait(false);
            JobLog.Reclustered(logger, chain, summary.Blocks, summary.BlocksRolledBack, summary.Clusters, summary.Height);
            changed |= summary.Blocks > 0 || summary.BlocksRolledBack > 0;
        }

        if (changed)
        {
            jobs.Enqueue<RefreshRiskJob>(j => j.RunAsync(CancellationToken.None));
        }
    });
}
