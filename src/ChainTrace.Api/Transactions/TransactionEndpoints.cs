using ChainTrace.Api.Access;
using ChainTrace.Api.Lookups;
using ChainTrace.Api.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ChainTrace.Api.Transactions;

public static class TransactionEndpoints
{
    public static RouteGroupBuilder MapTransactionEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/transactions/{chain}/{id}", GetAsync)
            .RequireAccess(AccessPolicy.Read).Audited("tx", "chain", "id")
            .WithName("GetTransaction")
            .WithSummary("A transaction with its inputs and outputs (btc) or transfers (eth).");
        return v1;
    }

    private static async Task<Results<Ok<object>, ProblemHttpResult>> GetAsync(
        string chain, string id, TransactionLookup lookup, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await lookup.GetAsync(chain, id, cancellationToken);
        return result.Error is { } error ? error.ToProblem(context) : TypedResults.Ok(result.Value!);
    }
}
