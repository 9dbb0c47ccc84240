using ChainTrace.Api.Access;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChainTrace.Jobs.Hosting;

/// <summary>
/// API-key login for the dashboard at <c>/jobs</c>, whose pages and XHR calls a browser makes without headers:
/// <c>/jobs?api_key=KEY</c> stores the key in an HttpOnly, SameSite=Strict cookie scoped to <c>/jobs</c> and redirects;
/// later requests under <c>/jobs</c> present the cookie as the <c>X-Api-Key</c> header. The key is checked as any other.
/// </summary>
public static class DashboardKeyLogin
{
    public const string Path = "/jobs";
    private const string Cookie = "chaintrace_jobs_key";

    public static WebApplication UseDashboardKeyLogin(this WebApplication app)
    {
        app.Use(async (context, next) =>
        {
            if (context.Request.Path.StartsWithSegments(Path))
            {
                if (context.Request.Query.TryGetValue("api_key", out var key) && !string.IsNullOrWhiteSpace(key))
                {
                    context.Response.Cookies.Append(Cookie, key.ToString(), new CookieOptions
                    {
                        HttpOnly = true,
                        SameSite = SameSiteMode.Strict,
                        Path = Path,
                        Secure = context.Request.IsHttps,
                    });
                    context.Response.Redirect(Path);
                    return;
                }

                if (!context.Request.Headers.ContainsKey(ApiKeyAuthenticationHandler.HeaderName) && context.Request.Cookies.TryGetValue(Cookie, out var stored))
                {
                    context.Request.Headers[ApiKeyAuthenticationHandler.HeaderName] = stored;
                }
            }

            await next(context).ConfigureAwait(false);
        });
        return app;
    }
}
