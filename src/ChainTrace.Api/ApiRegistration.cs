using System.Text.Json.Serialization;
using ChainTrace.Api.Addresses;
using ChainTrace.Api.Clusters;
using ChainTrace.Api.Health;
using ChainTrace.Api.Labels;
using ChainTrace.Api.Lookups;
using ChainTrace.Api.Problems;
using ChainTrace.Api.Traces;
using ChainTrace.Api.Transactions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Scalar.AspNetCore;

namespace ChainTrace.Api;

public static class ApiRegistration
{
    /// <summary>The API's own services; the host registers the store ports (<c>IUtxoGraphStore</c>, …) it composes.</summary>
    public static IServiceCollection AddChainTraceApi(this IServiceCollection services)
    {
        services.AddProblemDetails(options => options.CustomizeProblemDetails = context =>
        {
            // Framework-made problems (unmatched route, bad request) get a code too, so clients can always switch on it.
            if (!context.ProblemDetails.Extensions.ContainsKey("code"))
            {
                context.ProblemDetails.Extensions["code"] = context.ProblemDetails.Status switch
                {
                    404 => ProblemCodes.NotFound,
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
        services.AddOpenApi();
        services.AddScoped<AddressLookup>();
        services.AddScoped<TransactionLookup>();
        services.AddScoped<NeighbourLookup>();
        services.AddScoped<ClusterLookup>();
        services.AddScoped<LabelLookup>();
        return services;
    }

    public static WebApplication MapChainTraceApi(this WebApplication app)
    {
        app.UseExceptionHandler(errorApp => errorApp.Run(WriteUnhandledAsync));
        app.UseStatusCodePages();
        app.MapOpenApi();
        app.MapScalarApiReference();
        app.MapHealthEndpoints();
        var v1 = app.MapGroup("/v1");
        v1.MapAddressEndpoints();
        v1.MapTransactionEndpoints();
        v1.MapClusterEndpoints();
        v1.MapLabelReadEndpoints();
        v1.MapLabelWriteEndpoints();
        v1.MapTraceEndpoints();
        return app;
    }

    private static async Task WriteUnhandledAsync(HttpContext context)
    {
        var error = context.Features.Get<IExceptionHandlerFeature>()?.Error;
        var logger = context.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("ChainTrace.Api");
        logger.LogError(error, "Unhandled error on {Path}", context.Request.Path);
        var problem = new ProblemDetails
        {
            Status = StatusCodes.Status500InternalServerError,
            Title = "Internal error",
            Detail = "the server failed to answer; the error is logged",
        };
        problem.Extensions["code"] = ProblemCodes.Internal;
        context.Response.StatusCode = StatusCodes.Status500InternalServerError;
        await context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem });
    }
}
