using ChainTrace.Api.Access;
using ChainTrace.Api.Problems;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Jobs.Rules;
using ChainTrace.Jobs.Settings;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ChainTrace.Jobs.Endpoints;

/// <summary><c>POST /v1/watchlists</c>, <c>GET /v1/watchlists</c>, <c>GET /v1/watchlists/{id}/deliveries</c>, <c>GET /v1/alerts</c> (investigators and admins).</summary>
public static class WatchlistEndpoints
{
    private const int PageSize = 100;

    public static RouteGroupBuilder MapWatchlistEndpoints(this RouteGroupBuilder v1)
    {
        var group = v1.MapGroup("").RequireAccess(AccessPolicy.Read);
        group.MapPost("/watchlists", CreateAsync).WithName("CreateWatchlist").WithSummary("Watches addresses or clusters with rules; optional signed webhook.");
        group.MapGet("/watchlists", ListAsync).WithName("ListWatchlists").WithSummary("Every watchlist, oldest first.");
        group.MapGet("/watchlists/{id}/deliveries", DeliveriesAsync).WithName("ListWebhookDeliveries").WithSummary("The watchlist's webhook deliveries and their status.");
        group.MapGet("/alerts", AlertsAsync).WithName("ListAlerts").WithSummary("Alerts, oldest first, of one watchlist or all; page with cursor.");
        return v1;
    }

    private static async Task<Results<Created<WatchlistDto>, ProblemHttpResult>> CreateAsync(
        CreateWatchlistRequest request, IWatchlistStore store, IUtxoGraphStore graph, JobsSettings settings, ClusterGrowsRule clusterGrows, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        // Without a configured source, the network of the stored blocks (the demo's regtest), as every lookup parses addresses.
        var network = settings.Btc?.Network ?? await graph.GetNetworkAsync(Chain.Btc, cancellationToken) ?? Network.Main;
        var (watchlist, error) = WatchlistParser.Parse(request, network, settings.AllowPrivateNetworks, time.GetUtcNow());
        if (error is not null)
        {
            return error.ToProblem(context);
        }

        await store.AddWatchlistAsync(watchlist!, cancellationToken);
        await clusterGrows.RecordBaselinesAsync(watchlist!, cancellationToken);
        return TypedResults.Created($"/v1/watchlists/{watchlist!.Id}", WatchlistDto.From(watchlist));
    }

    private static async Task<Ok<WatchlistDto[]>> ListAsync(IWatchlistStore store, CancellationToken cancellationToken) =>
        TypedResults.Ok((await store.ListWatchlistsAsync(cancellationToken)).Select(WatchlistDto.From).ToArray());

    private static async Task<Results<Ok<DeliveryDto[]>, ProblemHttpResult>> DeliveriesAsync(string id, IWatchlistStore store, HttpContext context, CancellationToken cancellationToken)
    {
        if (await store.GetWatchlistAsync(id, cancellationToken) is null)
        {
            return LookupErrors.NotFound($"no watchlist '{id}'").ToProblem(context);
        }

        return TypedResults.Ok((await store.ListDeliveriesAsync(id, cancellationToken)).Select(DeliveryDto.From).ToArray());
    }

    private static async Task<Results<Ok<AlertPage>, ProblemHttpResult>> AlertsAsync(string? watchlist, string? cursor, IWatchlistStore store, HttpContext context, CancellationToken cancellationToken)
    {
        long after = 0;
        if (cursor is not null && (!long.TryParse(cursor, System.Globalization.NumberStyles.None, System.Globalization.CultureInfo.InvariantCulture, out after) || after < 0))
        {
            return LookupErrors.BadParameter("cursor", $"'{cursor}' is not a cursor from a previous page").ToProblem(context);
        }

        var alerts = await store.ListAlertsAsync(watchlist, after, PageSize + 1, cancellationToken);
        var page = alerts.Take(PageSize).Select(AlertDto.From).ToArray();
        var next = alerts.Count > PageSize ? page[^1].Id.ToString(System.Globalization.CultureInfo.InvariantCulture) : null;
        return TypedResults.Ok(new AlertPage(page, next));
    }
}
