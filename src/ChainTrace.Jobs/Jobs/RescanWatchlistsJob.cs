using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Watchlists;
using ChainTrace.Jobs.Webhooks;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace ChainTrace.Jobs.Jobs;

/// <summary>
/// <c>rescan-watchlists</c>: evaluates every watchlist's rules over the graph and raises each alert once per cause
/// (<see cref="AlertCause"/>); a raised alert with a webhook gets a delivery id in the same transaction and a
/// delivery job. Deliveries left pending with no attempt (the process died between the two) are enqueued again.
/// Rules evaluated: <c>outgoing</c>. <c>reaches</c>, <c>score-above</c>, <c>cluster-grows</c> and <c>cluster:</c>
/// subjects are stored but not evaluated yet (no cluster or score data on this branch).
/// </summary>
public sealed class RescanWatchlistsJob(
    IWatchlistStore watchlists, IAddressActivityReader activity, IChainProgressStore progress, IBackgroundJobClient jobs, JobRuns runs, TimeProvider time, ILogger<RescanWatchlistsJob> logger)
{
    private static readonly TimeSpan OrphanAge = TimeSpan.FromMinutes(2);

    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [5, 30, 120])]
    public Task RunAsync(CancellationToken cancellationToken) => runs.TimeAsync(JobNames.RescanWatchlists, async () =>
    {
        var raised = 0;
        foreach (var watchlist in await watchlists.ListWatchlistsAsync(cancellationToken).ConfigureAwait(false))
        {
            if (watchlist.Rules.Any(r => r.Kind == WatchRule.Outgoing))
            {
                raised += await ScanOutgoingAsync(watchlist, cancellationToken).ConfigureAwait(false);
            }
        }

        foreach (var orphan in await watchlists.ListPendingDeliveriesAsync(cancellationToken).ConfigureAwait(false))
        {
            if (orphan.Attempts == 0 && time.GetUtcNow() - orphan.CreatedAt > OrphanAge)
            {
                jobs.Enqueue<DeliverWebhookJob>(j => j.RunAsync(orphan.Id, CancellationToken.None));
            }
        }

        JobLog.Rescanned(logger, raised);
    });

    private async Task<int> ScanOutgoingAsync(Watchlist watchlist, CancellationToken cancellationToken)
    {
        var network = await progress.GetNetworkAsync(watchlist.Chain, cancellationToken).ConfigureAwait(false) ?? Network.Main;
        var raised = 0;
        foreach (var subject in watchlist.Subjects.Where(s => !s.StartsWith(WatchlistSubjects.ClusterPrefix, StringComparison.Ordinal)))
        {
            var address = Address.Parse(watchlist.Chain, subject, network);
            foreach (var movement in await activity.GetOutgoingAsync(address, cancellationToken).ConfigureAwait(false))
            {
                var alert = new Alert(0, watchlist.Id, WatchRule.Outgoing, AlertCause.Outgoing(address, movement.TxId), [movement.TxId.ToString()], movement.Amount.ToString(), null, time.GetUtcNow());
                var deliveryId = watchlist.Webhook is null ? null : Guid.NewGuid().ToString("N");
                if (await watchlists.TryRaiseAsync(alert, deliveryId, cancellationToken).ConfigureAwait(false) is not { } stored)
                {
                    continue;
                }

                raised++;
                JobLog.Raised(logger, stored.Id, watchlist.Id, stored.Cause);
                if (deliveryId is not null)
                {
                    jobs.Enqueue<DeliverWebhookJob>(j => j.RunAsync(deliveryId, CancellationToken.None));
                }
            }
        }

        return raised;
    }
}
