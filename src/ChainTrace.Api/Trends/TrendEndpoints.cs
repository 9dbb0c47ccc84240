using ChainTrace.Api.Access;
using ChainTrace.Api.Problems;
using ChainTrace.Core.Clustering;
using ChainTrace.Core.Labels;
using ChainTrace.Index.Service;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChainTrace.Api.Trends;

public static class TrendEndpoints
{
    /// <summary>The trend calculator over the cluster service's read model, when the host composes one.</summary>
    public static IServiceCollection AddTrends(this IServiceCollection services) =>
        services.AddSingleton(sp => (sp.GetService<ClusterService>() ?? sp.GetService<IClusterQueries>() as ClusterService) is { } clusters && sp.GetService<ILabelStore>() is { } labels
            ? new TrendQuery(new TrendCalculator(clusters, labels))
            : new TrendQuery(null));

    public static RouteGroupBuilder MapTrendEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/trends", async (string? chain, string? bucket, string? from, string? to, string? source, [FromServices] TrendQuery query, HttpContext context, CancellationToken ct) =>
            {
                var result = await query.GetAsync(chain, bucket, from, to, source, ct);
                return result.Error is { } error ? error.ToProblem(context) : Results.Ok(result.Value);
            })
            .RequireAccess(AccessPolicy.Read).Audited("trends").WithRateLimit(RateLimitClass.Heavy)
            .Produces<TrendsDto>()
            .WithName("GetTrends")
            .WithSummary("Value reaching each category per UTC day or week: chain=btc|eth (eth: native ether only), bucket=day|week, from/to=yyyy-MM-dd (inclusive), source=any|flagged|<category>. See the answer's definition.");
        return v1;
    }
}
