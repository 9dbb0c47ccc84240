using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChainTrace.Api.Access;

/// <summary>
/// Headers on every answer: no MIME sniffing, no referrer, no framing, and a Content-Security-Policy: nothing at
/// all may load from a JSON answer; the served reference page may load only its own scripts and styles.
/// </summary>
public static class SecurityHeaders
{
    private const string ApiPolicy = "default-src 'none'; frame-ancestors 'none'";
    private const string PagePolicy = "default-src 'self'; script-src 'self' 'unsafe-inline'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; font-src 'self' data:; connect-src 'self'; frame-ancestors 'none'";

    public static IApplicationBuilder UseSecurityHeaders(this IApplicationBuilder app) => app.Use((context, next) =>
    {
        var headers = context.Response.Headers;
        headers.XContentTypeOptions = "nosniff";
        headers["Referrer-Policy"] = "no-referrer";
        headers.XFrameOptions = "DENY";
        headers.ContentSecurityPolicy = context.Request.Path.StartsWithSegments("/scalar", StringComparison.OrdinalIgnoreCase) ? PagePolicy : ApiPolicy;
        return next(context);
    });
}
