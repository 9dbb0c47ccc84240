using ChainTrace.Api.Access;
using ChainTrace.Api.Lookups;
using ChainTrace.Api.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ChainTrace.Api.Clusters;

public static class ClusterEndpoints
{
    public static RouteGroupBuilder MapClusterEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/addresses/{chain}/{address}/cluster", async (string chain, string address, ClusterLookup lookup, HttpContext context, CancellationToken ct) =>
                Answer(await lookup.GetByAddressAsync(chain, address, ct), context))
            .RequireAccess(AccessPolicy.Read).Audited("address", "chain", "address")
            .WithName("GetAddressCluster")
            .WithSummary("The cluster (entity) an address belongs to.");
        v1.MapGet("/clusters/{chain}/{id}", async (string chain, string id, ClusterLookup lookup, HttpContext context, CancellationToken ct) =>
                Answer(await lookup.GetAsync(chain, id, ct), context))
            .RequireAccess(AccessPolicy.Read).Audited("cluster", "chain", "id")
            .WithName("GetCluster")
            .WithSummary("A cluster: size, totals, activity, evidence by heuristic, the data height it was computed at.");
        v1.MapGet("/clusters/{chain}/{id}/addresses", async (string chain, string id, string? cursor, int? limit, ClusterLookup lookup, HttpContext context, CancellationToken ct) =>
                Answer(await lookup.GetAddressesAsync(chain, id, cursor, limit, ct), context))
            .RequireAccess(AccessPolicy.Read).Audited("cluster", "chain", "id").WithRateLimit(RateLimitClass.Heavy)
            .WithName("GetClusterAddresses")
            .WithSummary("The addresses of a cluster, paged with an opaque cursor.");
        v1.MapGet("/clusters/{chain}/{id}/links", async (string chain, string id, string? cursor, int? limit, ClusterLookup lookup, HttpContext context, CancellationToken ct) =>
                Answer(await lookup.GetLinksAsync(chain, id, cursor, limit, ct), context))
            .RequireAccess(AccessPolicy.Read).Audited("cluster", "chain", "id").WithRateLimit(RateLimitClass.Heavy)
            .WithName("GetClusterLinks")
            .WithSummary("The evidence of a cluster: heuristic, transaction and confidence of every link, paged.");
        return v1;
    }

    private static Results<Ok<T>, ProblemHttpResult> Answer<T>(LookupResult<T> result, HttpContext context)
        where T : class =>
        result.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(result.Value!);
}
