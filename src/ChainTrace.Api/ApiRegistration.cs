using System.Text.Json.Serialization;
using ChainTrace.Api.Access;
using ChainTrace.Api.Addresses;
using ChainTrace.Api.Clusters;
using ChainTrace.Api.Audit;
using ChainTrace.Api.Cases;
using ChainTrace.Api.Health;
using ChainTrace.Api.Keys;
using ChainTrace.Api.Labels;
using ChainTrace.Api.Lookups;
using ChainTrace.Api.Neighbours;
using ChainTrace.Api.Problems;
using ChainTrace.Api.Screening;
using ChainTrace.Api.Traces;
using ChainTrace.Api.Transactions;
using ChainTrace.Api.Trends;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scalar.AspNetCore;

namespace ChainTrace.Api;

public static partial class ApiRegistration
{
    /// <summary>
    /// The API's own services; the host registers the store ports (<c>IUtxoGraphStore</c>, …, <c>IApiKeyStore</c>,
    /// <c>IAuditLog</c>) it composes. <paramref name="accessControl"/> false (keys, rate limits and audit off) is for
    /// the <c>auth</c> benchmark's baseline only.
    /// </summary>
    public static IServiceCollection AddChainTraceApi(this IServiceCollection services, bool accessControl = true)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // Framework-made problems (unmatched route, bad request) get a code too, so clients can always switch on it.
            if (!context.ProblemDetails.Extensions.ContainsKey("code"))
            {
                context.ProblemDetails.Extensions["code"] = context.ProblemDetails.Status switch
                {
                    404 => ProblemCodes.NotFound,
                    405 => ProblemCodes.MethodNotAllowed,
                    413 => ProblemCodes.BodyTooLarge,
                    >= 500 => ProblemCodes.Internal,
                    _ => "bad-request",
                };
            }
        });
        services.ConfigureHttpJsonOptions(options =>
        {
            options.SerializerOptions.Converters.Add(new JsonStringEnumConverter());
            options.SerializerOptions.DefaultIgnoreCondition = JsonIgnoreCondition.Never;
        });
        services.AddOpenApi(options => options.AddApiKeySecurity().AddScreeningItemSchema());
        services.AddChainTraceAccess(accessControl);
        services.AddScoped<AddressLookup>();
        services.AddScoped<TransactionLookup>();
        services.AddScoped<NeighbourLookup>();
        services.AddScoped<ClusterLookup>();
        services.AddScoped<LabelLookup>();
        services.AddScoped<CasePinInput>();
        services.AddTrends();
        services.AddNeighbourActivity();
        services.AddSingleton(sp => new StoreNetwork(sp.GetService<Core.Ports.IUtxoGraphStore>()));
        services.AddSingleton(sp => new RiskLookup(
            sp.GetRequiredService<ChainTrace.Risk.RiskService>(), sp.GetRequiredService<StoreNetwork>(), sp.GetService<Core.Ports.IUtxoGraphStore>(), sp.GetService<Core.Ports.IAccountGraphStore>()));
        return services;
    }

    public static WebApplication MapChainTraceApi(this WebApplication app)
    {
        app.UseExceptionHandler(errorApp => errorApp.Run(WriteUnhandledAsync));
        app.UseStatusCodePages();
        // Routing first (HEAD matched as GET); the access pipeline's own UseRouting then finds the endpoint chosen.
        app.UseRoutingWithHead();
        app.UseChainTraceAccess();
        app.MapOpenApi().RequireAccess(AccessPolicy.Public);
        app.MapScalarApiReference(options => options.AddPreferredSecuritySchemes(OpenApiSecurity.ApiKeyScheme)).RequireAccess(AccessPolicy.Public);
        app.MapHealthEndpoints();
        var v1 = app.MapGroup("/v1");
        v1.MapAddressEndpoints();
        v1.MapTransactionEndpoints();
        v1.MapGroup("").RequireAccess(AccessPolicy.Read).Audited("trace", "id").WithRateLimit(RateLimitClass.Heavy).MapTraceEndpoints();
        v1.MapKeyEndpoints();
        v1.MapAuditEndpoints();
        v1.MapClusterEndpoints();
        v1.MapCaseEndpoints();
        v1.MapTrendEndpoints();
        v1.MapLabelReadEndpoints().RequireAccess(AccessPolicy.Read);
        v1.MapLabelWriteEndpoints().RequireAccess(AccessPolicy.Admin).WithRateLimit(RateLimitClass.Heavy).AllowsUploads();
        v1.MapScreeningEndpoints().RequireAccess(AccessPolicy.Screening);
        app.MapChainalysisEndpoints().RequireAccess(AccessPolicy.Screening);
        return app;
    }

    private static async Task WriteUnhandledAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ChainTrace.Api");
        UnhandledError(logger, error, context.Request.Path);
        var stale = error is Index.Utxo.StaleReadModelException;
        var problem = stale
            ? new ProblemDetails
            {
                // The store moved (rollback, reorg) under a read model not yet cut back: a passing state, not a failure.
                Status = StatusCodes.Status503ServiceUnavailable,
                Title = "Read model behind the store",
                Detail = "the analytic read model is behind the graph store (a rollback or reorg not yet applied); retry once `chaintrace cluster update` has run",
            }
            : new ProblemDetails
            {
                Status = StatusCodes.Status500InternalServerError,
                Title = "Internal error",
                Detail = "the server failed to answer; the error is logged",
            };
        problem.Extensions["code"] = stale ? ProblemCodes.ReadModelStale : ProblemCodes.Internal;
        context.Response.StatusCode = problem.Status!.Value;
        if (stale)
        {
            context.Response.Headers.RetryAfter = "30";
        }

        await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }

    [LoggerMessage(EventId = 1, Level = LogLevel.Error, Message = "Unhandled error on {Path}")]
    private static partial void UnhandledError(ILogger logger, Exception? error, PathString path);
}
