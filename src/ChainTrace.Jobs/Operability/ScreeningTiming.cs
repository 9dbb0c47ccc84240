using System.Diagnostics;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace ChainTrace.Jobs.Operability;

/// <summary>Times the screening requests (risk of an address, batch screenings, the Chainalysis-compatible routes) into <c>chaintrace_screening_duration_seconds</c>.</summary>
public static class ScreeningTiming
{
    public static WebApplication UseScreeningTiming(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var metrics = app.Services.GetRequiredService<JobMetrics>();
        app.Use(async (context, next) =>
        {
            var endpoint = Classify(context.Request.Path);
            if (endpoint is null)
            {
                await next(context).ConfigureAwait(false);
                return;
            }

            var started = Stopwatch.GetTimestamp();
            try
            {
                await next(context).ConfigureAwait(false);
            }
            finally
            {
                metrics.Screened(endpoint, Stopwatch.GetElapsedTime(started));
            }
        });
        return app;
    }

    private static string? Classify(PathString path)
    {
        var value = path.Value ?? "";
        if (value.StartsWith("/v1/screenings", StringComparison.Ordinal))
        {
            return "screenings";
        }

        if (value.StartsWith("/v1/addresses/", StringComparison.Ordinal) && value.EndsWith("/risk", StringComparison.Ordinal))
        {
            return "risk";
        }

        return value.StartsWith("/api/", StringComparison.Ordinal) ? "chainalysis" : null;
    }
}
