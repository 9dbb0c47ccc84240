using ChainTrace.Api.Health;
using ChainTrace.Jobs.Settings;
using Hangfire;
using Hangfire.Storage;

namespace ChainTrace.Jobs.Operability;

/// <summary>
/// <c>/health</c>'s jobs part: each configured source's last status (reachable, source tip, stored tip, lag) — degraded
/// when a source was unreachable at its last sync — and each recurring job's last run, state and last success.
/// </summary>
public sealed class JobsHealth(OperationalState state, JobStorage storage, JobsSettings settings) : IServiceHealth
{
    public Task<ServiceHealthReport> GetAsync(CancellationToken cancellationToken)
    {
        var configured = new List<string>();
        if (settings.Btc is not null)
        {
            configured.Add("btc");
        }

        if (settings.Eth is not null)
        {
            configured.Add("eth");
        }

        var problems = new List<string>();
        var sources = new Dictionary<string, object>();
        foreach (var chain in configured)
        {
            var status = state.ReadAll([chain]) is [var first, ..] ? first : null;
            sources[chain] = status is null
                ? new { reachable = (bool?)null, note = "not synced yet" }
                : new { reachable = (bool?)status.Reachable, status.SourceTip, status.StoredTip, status.Lag, status.CheckedAt, status.Error };
            if (status is { Reachable: false })
            {
                problems.Add($"source {chain} unreachable: {status.Error}");
            }
        }

        var successes = state.LastSuccesses();
        using var connection = storage.GetConnection();
        var jobs = connection.GetRecurringJobs().ToDictionary(
            j => j.Id,
            j => (object)new { lastRun = j.LastExecution is { } run ? new DateTimeOffset(DateTime.SpecifyKind(run, DateTimeKind.Utc)) : (DateTimeOffset?)null, lastState = j.LastJobState, lastSuccess = successes.TryGetValue(j.Id, out var at) ? at : (DateTimeOffset?)null, j.Cron });
        foreach (var (job, at) in successes.Where(s => !jobs.ContainsKey(s.Key)))
        {
            jobs[job] = new { lastSuccess = (DateTimeOffset?)at };
        }

        return Task.FromResult(new ServiceHealthReport(problems.Count > 0, problems, new Dictionary<string, object> { ["sources"] = sources, ["jobs"] = jobs }));
    }
}
