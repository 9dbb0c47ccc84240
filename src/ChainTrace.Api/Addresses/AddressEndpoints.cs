using ChainTrace.Api.Access;
using ChainTrace.Api.Contracts;
using ChainTrace.Api.Lookups;
using ChainTrace.Api.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ChainTrace.Api.Addresses;

public static class AddressEndpoints
{
    public static RouteGroupBuilder MapAddressEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/addresses/{chain}/{address}", GetAsync)
            .RequireAccess(AccessPolicy.Read).Audited("address", "chain", "address")
            .WithName("GetAddress")
            .WithSummary("Address summary: first/last seen, transaction count, totals per asset.");
        v1.MapGet("/addresses/{chain}/{address}/neighbours", GetNeighboursAsync)
            .RequireAccess(AccessPolicy.Read).Audited("address", "chain", "address").WithRateLimit(RateLimitClass.Heavy)
            .WithName("GetAddressNeighbours")
            .WithSummary("Addresses one hop away, a page at a time: direction=out (paid by this address) or in (paid this address); limit per page; cursor = the previous page's next. btc: each payer credited with its share by input value, biggest value first; eth: each transfer's value, most transactions first (values of different assets do not compare).");
        return v1;
    }

    private static async Task<Results<Ok<NeighboursDto>, ProblemHttpResult>> GetNeighboursAsync(
        string chain, string address, string? direction, int? limit, string? cursor, NeighbourLookup lookup, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await lookup.GetAsync(chain, address, direction, limit, cursor, cancellationToken);
        return result.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(result.Value!);
    }

    private static async Task<Results<Ok<AddressDto>, ProblemHttpResult>> GetAsync(
        string chain, string address, AddressLookup lookup, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await lookup.GetAsync(chain, address, cancellationToken);
        return result.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(result.Value!);
    }
}
