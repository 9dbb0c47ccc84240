using ChainTrace.Api.Access;
using ChainTrace.Api.Contracts;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ChainTrace.Api.Health;

public static class HealthEndpoints
{
    private static readonly HealthDto Live = new("ok", new Dictionary<string, ChainTipDto>());

    public static IEndpointRouteBuilder MapHealthEndpoints(this IEndpointRouteBuilder app)
    {
        app.MapGet("/health/live", () => TypedResults.Ok(Live)).RequireAccess(AccessPolicy.Public).WithName("Live")
            .WithSummary("Liveness alone: a constant {\"status\":\"ok\"} that touches no store (for probes and as the benchmarks' baseline).");
        app.MapGet("/health", GetAsync).RequireAccess(AccessPolicy.Public).WithName("Health").WithSummary("Liveness, with the data height of each chain (eth: and how many stored blocks lack traces); with jobs, each source's lag and each job's last run (degraded when a source is unreachable).");
        return app;
    }

    private static async Task<Ok<HealthDto>> GetAsync(IChainProgressStore store, IAccountGraphStore accounts, HttpContext context, CancellationToken cancellationToken)
    {
        var chains = new Dictionary<string, ChainTipDto>();
        foreach (var chain in Enum.GetValues<Chain>())
        {
            if (await store.GetTipAsync(chain, cancellationToken) is { } tip)
            {
                var untraced = chain == Chain.Eth ? await accounts.CountBlocksWithoutTracesAsync(cancellationToken) : (long?)null;
                chains[chain.ToCode()] = new ChainTipDto(tip.Height, tip.Hash.ToString(), untraced);
            }
        }

        if (context.RequestServices.GetService(typeof(IServiceHealth)) is not IServiceHealth module)
        {
            return TypedResults.Ok(new HealthDto("ok", chains));
        }

        var report = await module.GetAsync(cancellationToken);
        return TypedResults.Ok(new HealthDto(report.Degraded ? "degraded" : "ok", chains, report.Problems, report.Sections));
    }
}
