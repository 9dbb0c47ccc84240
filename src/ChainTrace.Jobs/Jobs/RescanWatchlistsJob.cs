using ChainTrace.Core.Ports;
using ChainTrace.Core.Watchlists;
using ChainTrace.Jobs.Operability;
using ChainTrace.Jobs.Rules;
using ChainTrace.Jobs.Webhooks;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace ChainTrace.Jobs.Jobs;

/// <summary>
/// <c>rescan-watchlists</c>: evaluates every watchlist's rules (<see cref="IWatchRuleEvaluator"/>: outgoing, reaches,
/// score-above, cluster-grows) for each subject and raises each alert once per cause (<see cref="AlertCause"/>); a raised alert with
/// a webhook gets a delivery id in the same transaction and a delivery job. Deliveries left pending with no attempt
/// (the process died between the two) are enqueued again.
/// </summary>
public sealed class RescanWatchlistsJob(
    IWatchlistStore watchlists, SubjectResolver subjects, IEnumerable<IWatchRuleEvaluator> evaluators, IBackgroundJobClient jobs, JobRuns runs, JobMetrics metrics, TimeProvider time, ILogger<RescanWatchlistsJob> logger)
{
    private static readonly TimeSpan OrphanAge = TimeSpan.FromMinutes(2);

    [DisableConcurrentExecution(timeoutInSeconds: 120)]
    [AutomaticRetry(Attempts = 3, DelaysInSeconds = [5, 30, 120])]
    public Task RunAsync(CancellationToken cancellationToken) => runs.TimeAsync(JobNames.RescanWatchlists, async () =>
    {
        var byKind = evaluators.ToDictionary(e => e.Kind, StringComparer.Ordinal);
        var raised = 0;
        foreach (var watchlist in await watchlists.ListWatchlistsAsync(cancellationToken).ConfigureAwait(false))
        {
            var rules = watchlist.Rules.Where(r => byKind.ContainsKey(r.Kind)).ToList();
            if (rules.Count == 0)
            {
                continue;
            }

            foreach (var subject in await subjects.ResolveAsync(watchlist, cancellationToken).ConfigureAwait(false))
            {
                foreach (var rule in rules)
                {
                    var evaluator = byKind[rule.Kind];
                    var alerts = await evaluator.EvaluateAsync(watchlist, rule, subject, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
                    foreach (var alert in alerts)
                    {
                        raised += await RaiseAsync(watchlist, alert, cancellationToken).ConfigureAwait(false) ? 1 : 0;
                    }

                    await evaluator.StoredAsync(watchlist, subject, alerts, cancellationToken).ConfigureAwait(false);
                }
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

    private async Task<bool> RaiseAsync(Watchlist watchlist, Alert alert, CancellationToken cancellationToken)
    {
        var deliveryId = watchlist.Webhook is null ? null : Guid.NewGuid().ToString("N");
        if (await watchlists.TryRaiseAsync(alert, deliveryId, cancellationToken).ConfigureAwait(false) is not { } stored)
        {
            return false;
        }

        JobLog.Raised(logger, stored.Id, watchlist.Id, stored.Cause);
        metrics.AlertRaised(stored.Rule);
        if (deliveryId is not null)
        {
            jobs.Enqueue<DeliverWebhookJob>(j => j.RunAsync(deliveryId, CancellationToken.None));
        }

        return true;
    }
}
