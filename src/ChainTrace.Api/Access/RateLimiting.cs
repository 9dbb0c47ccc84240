using System.Globalization;
using System.Security.Claims;
using System.Threading.RateLimiting;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.RateLimiting;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChainTrace.Api.Access;

/// <summary>
/// Rate limits (ASP.NET Core rate limiting): a token bucket per key and <see cref="RateLimitClass"/>, chained with
/// one concurrency cap over all heavy requests. Over the limit: 429 with <c>Retry-After</c> and a problem body.
/// Runs after authorization, so only authenticated requests draw tokens and the partition is the key's name.
/// </summary>
public static class RateLimiting
{
    private const string HeavyGlobal = "heavy:*";

    public static IServiceCollection AddChainTraceRateLimits(this IServiceCollection services)
    {
        services.AddOptions<RateLimitOptions>().BindConfiguration(RateLimitOptions.Section).ValidateDataAnnotations().ValidateOnStart();
        services.AddRateLimiter(_ => { });
        services.AddOptions<RateLimiterOptions>().Configure<IOptions<RateLimitOptions>>((limiter, limits) =>
        {
            var o = limits.Value;
            limiter.GlobalLimiter = PartitionedRateLimiter.CreateChained(
                PartitionedRateLimiter.Create<HttpContext, string>(context => PerKey(context, o)),
                PartitionedRateLimiter.Create<HttpContext, string>(context => ClassOf(context) == RateLimitClass.Heavy && KeyName(context) is not null
                    ? RateLimitPartition.GetConcurrencyLimiter(HeavyGlobal, _ => new ConcurrencyLimiterOptions { PermitLimit = o.HeavyConcurrency, QueueLimit = o.HeavyConcurrency * 4 })
                    : RateLimitPartition.GetNoLimiter("")));
            limiter.OnRejected = (rejected, _) =>
            {
                var retryAfter = rejected.Lease.TryGetMetadata(MetadataName.RetryAfter, out var after) ? after : TimeSpan.FromSeconds(1);
                rejected.HttpContext.Response.Headers.RetryAfter = Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds)).ToString(CultureInfo.InvariantCulture);
                return new ValueTask(AccessProblems.WriteAsync(rejected.HttpContext, AccessProblems.RateLimited(retryAfter)));
            };
        });
        return services;
    }

    private static RateLimitPartition<string> PerKey(HttpContext context, RateLimitOptions o)
    {
        if (KeyName(context) is not { } key)
        {
            return RateLimitPartition.GetNoLimiter("");
        }

        var rateClass = ClassOf(context);
        var (burst, perSecond) = rateClass switch
        {
            RateLimitClass.Screening => (o.ScreeningBurst, o.ScreeningPerSecond),
            RateLimitClass.Heavy => (o.HeavyBurst, o.HeavyPerSecond),
            _ => (o.StandardBurst, o.StandardPerSecond),
        };
        return RateLimitPartition.GetTokenBucketLimiter($"{rateClass}:{key}", _ => new TokenBucketRateLimiterOptions
        {
            TokenLimit = burst,
            TokensPerPeriod = perSecond,
            ReplenishmentPeriod = TimeSpan.FromSeconds(1),
            QueueLimit = 0,
            AutoReplenishment = true,
        });
    }

    private static string? KeyName(HttpContext context) =>
        context.User.Identity?.IsAuthenticated == true ? context.User.FindFirst(ClaimTypes.Name)?.Value : null;

    private static RateLimitClass ClassOf(HttpContext context)
    {
        var metadata = context.GetEndpoint()?.Metadata;
        if (metadata?.GetMetadata<RateLimitMetadata>() is { } declared)
        {
            return declared.Class;
        }

        return metadata?.GetMetadata<AccessMetadata>()?.Policy == AccessPolicy.Screening ? RateLimitClass.Screening : RateLimitClass.Standard;
    }
}
