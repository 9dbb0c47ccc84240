using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChainTrace.Api;

/// <summary>
/// HEAD on every GET endpoint (RFC 9110 §9.3.2): routing matches a HEAD request as a GET, then the endpoint runs
/// with the method restored, so Kestrel sends the GET's status and headers without the body.
/// </summary>
internal static class HeadRequests
{
    private static readonly object Marker = new();

    /// <summary>Wraps routing: call instead of <c>UseRouting</c>.</summary>
    public static WebApplication UseRoutingWithHead(this WebApplication app)
    {
        app.Use((context, next) =>
        {
            if (HttpMethods.IsHead(context.Request.Method))
            {
                context.Request.Method = HttpMethods.Get;
                context.Items[Marker] = true;
            }

            return next(context);
        });
        app.UseRouting();
        app.Use((context, next) =>
        {
            if (context.Items.ContainsKey(Marker))
            {
                context.Request.Method = HttpMethods.Head;
            }

            return next(context);
        });
        return app;
    }
}
