using ChainTrace.Api.Access;
using ChainTrace.Api.Audit;
using ChainTrace.Api.Problems;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ChainTrace.Api.Screening;

/// <summary>
/// Screening: ChainTrace's own endpoints under <c>/v1</c> and the Chainalysis-compatible ones at the root, each set
/// in its own route group so access control (exchange role) attaches in one line.
/// </summary>
public static class ScreeningEndpoints
{
    public const int MaxItems = 1000;

    public static RouteGroupBuilder MapScreeningEndpoints(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("").WithTags("Screening");
        group.MapGet("/addresses/{chain}/{address}/risk", GetRiskAsync)
            .Audited("address", "chain", "address")
            .WithName("GetAddressRisk")
            .WithSummary("Score 0-100, level, decision (allow|review|block), exposures by category, direction and type, labels, model probability with its top features, reasons and data height. A valid address never seen on chain gets seen=false, not a 404.");
        group.MapPost("/screenings", ScreenAsync)
            .Audited("screening")
            .WithName("Screen")
            .WithSummary($"Screen up to {MaxItems} items {{chain, address, direction?: withdrawal|deposit, amount?}}; answers in the same order, a malformed item gets its own error; more items: 413.");
        return group;
    }

    public static RouteGroupBuilder MapChainalysisEndpoints(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var group = app.MapGroup("/api").WithTags("Chainalysis-compatible");
        group.MapGet("/v1/address/{address}", SanctionsAsync)
            .Audited("address", "address")
            .WithName("ChainalysisSanctions")
            .WithSummary("Drop-in for the free Chainalysis Sanctions API: {identifications:[{category:'sanctions', name, description, url}]}, empty when none.");
        group.MapGet("/risk/v2/entities/{address}", EntityAsync)
            .Audited("address", "address")
            .WithName("ChainalysisEntityRisk")
            .WithSummary("Drop-in for Chainalysis Address Screening v2: address, risk (Low|Medium|High|Severe), riskReason, cluster, exposures, triggers, status.");
        return group;
    }

    private static async Task<Results<RiskJsonResult, ProblemHttpResult>> GetRiskAsync(
        string chain, string address, RiskLookup lookup, HttpContext context, CancellationToken cancellationToken)
    {
        var result = await lookup.GetAsync(chain, address, cancellationToken);
        if (result.Error is { } error)
        {
            return error.ToProblem(context);
        }

        context.SetAuditDecision(result.Value!.Decision);
        return new RiskJsonResult(result.Value!);
    }

    private static async Task<Results<Ok<ScreeningResponse>, ProblemHttpResult>> ScreenAsync(
        [FromBody] ScreeningRequest? request, RiskLookup lookup, HttpContext context, CancellationToken cancellationToken)
    {
        if (request?.Items is not { } items)
        {
            return LookupErrors.BadParameter("items", "send {\"items\": [{\"chain\", \"address\", \"direction\", \"amount\"}, ...]}").ToProblem(context);
        }

        if (items.Count > MaxItems)
        {
            return new LookupError(StatusCodes.Status413PayloadTooLarge, ProblemCodes.TooManyItems, "Too many items",
                $"{items.Count} items; a screening takes at most {MaxItems}: split the batch").ToProblem(context);
        }

        var results = new List<ScreeningResultItem>(items.Count);
        foreach (var item in items)
        {
            if (item is null)
            {
                results.Add(new ScreeningResultItem(null, new ItemErrorDto(ProblemCodes.InvalidParameter, "an item is an object {chain, address, direction?, amount?}"), null, null));
                continue;
            }

            var (address, error) = await lookup.ParseAsync(item.Chain, item.Address, cancellationToken);
            error ??= RiskLookup.CheckItem(item);
            if (error is not null)
            {
                results.Add(new ScreeningResultItem(null, new ItemErrorDto(error.Code, error.Detail), item.Direction, item.Amount));
                continue;
            }

            var answer = await lookup.AnswerAsync(address!, cancellationToken);
            results.Add(new ScreeningResultItem(RiskMapping.ToDto(answer!), null, item.Direction, item.Amount));
        }

        // The batch's audit entry carries its strictest decision.
        var decisions = results.Where(r => r.Risk is not null).Select(r => r.Risk!.Decision).ToList();
        context.SetAuditDecision(decisions.Contains("block") ? "block" : decisions.Contains("review") ? "review" : decisions.Count > 0 ? "allow" : "none");
        return TypedResults.Ok(new ScreeningResponse(results));
    }

    private static async Task<Results<Ok<SanctionsResponse>, ProblemHttpResult>> SanctionsAsync(
        string address, RiskLookup lookup, HttpContext context, CancellationToken cancellationToken)
    {
        var (parsed, error) = await lookup.ParseAnyAsync(address, cancellationToken);
        if (error is not null)
        {
            return error.ToProblem(context);
        }

        var answer = (await lookup.AnswerAsync(parsed!, cancellationToken))!;
        context.SetAuditDecision(answer.Decision.ToString().ToLowerInvariant());
        return TypedResults.Ok(RiskMapping.ToSanctions(answer));
    }

    private static async Task<Results<Ok<EntityRiskResponse>, ProblemHttpResult>> EntityAsync(
        string address, RiskLookup lookup, HttpContext context, CancellationToken cancellationToken)
    {
        var (parsed, error) = await lookup.ParseAnyAsync(address, cancellationToken);
        if (error is not null)
        {
            return error.ToProblem(context);
        }

        var answer = (await lookup.AnswerAsync(parsed!, cancellationToken))!;
        context.SetAuditDecision(answer.Decision.ToString().ToLowerInvariant());
        return TypedResults.Ok(RiskMapping.ToEntity(answer));
    }
}
