using ChainTrace.Api.Access;
using ChainTrace.Api.Problems;
using ChainTrace.Jobs.Jobs;
using ChainTrace.Jobs.Settings;
using Hangfire;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ChainTrace.Jobs.Endpoints;

/// <summary><c>POST /v1/jobs/{name}</c> (admin): enqueues one run of a job now; 202 with the Hangfire job id.</summary>
public static class JobEndpoints
{
    public static RouteGroupBuilder MapJobEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapPost("/jobs/{name}", Trigger).RequireAccess(AccessPolicy.Admin).WithName("TriggerJob").WithSummary("Runs a job now: sync-btc, sync-eth, rescan-watchlists, recluster, refresh-risk, retrain-model.");
        return v1;
    }

    private static Results<Accepted<JobRunDto>, ProblemHttpResult> Trigger(string name, JobsSettings settings, IBackgroundJobClient jobs, HttpContext context)
    {
        string id;
        switch (name)
        {
            case JobNames.SyncBtc when settings.Btc is not null:
                id = jobs.Enqueue<SyncBtcJob>(j => j.RunAsync(CancellationToken.None));
                break;
            case JobNames.SyncEth when settings.Eth is not null:
                id = jobs.Enqueue<SyncEthJob>(j => j.RunAsync(CancellationToken.None));
                break;
            case JobNames.RescanWatchlists:
                id = jobs.Enqueue<RescanWatchlistsJob>(j => j.RunAsync(CancellationToken.None));
                break;
            case JobNames.Recluster:
                id = jobs.Enqueue<ReclusterJob>(j => j.RunAsync(CancellationToken.None));
                break;
            case JobNames.RefreshRisk:
                id = jobs.Enqueue<RefreshRiskJob>(j => j.RunAsync(CancellationToken.None));
                break;
            case JobNames.RetrainModel:
                id = jobs.Enqueue<RetrainModelJob>(j => j.RunAsync(CancellationToken.None));
                break;
            case JobNames.SyncBtc or JobNames.SyncEth:
                return new LookupError(409, "job-not-configured", "Job not configured", $"'{name}' needs Sources:{(name == JobNames.SyncBtc ? "Btc" : "Eth")} in the configuration").ToProblem(context);
            default:
                return LookupErrors.NotFound($"no job '{name}': expected {string.Join(", ", JobNames.All)}").ToProblem(context);
        }

        return TypedResults.Accepted((string?)null, new JobRunDto(name, id));
    }
}

public sealed record JobRunDto(string Job, string Id);
