using System.Collections.Frozen;
using System.Security.Cryptography;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;

namespace ChainTrace.Web;

/// <summary>
/// Serves the investigator page (embedded at build time: <c>index.html</c>, <c>app.js</c>, <c>app.css</c>) at <c>/</c>,
/// on the API's origin, without a key: the page holds no data, every call it makes goes through the public API with
/// the key the user pasted. Its Content-Security-Policy lets it load only its own files and call only this origin.
/// </summary>
public static class InvestigatorPage
{
    /// <summary>Inline styles are allowed because the graph and chart libraries position their elements with style attributes.</summary>
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data: blob:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

    private static readonly FrozenDictionary<string, Asset> Assets = Load();

    /// <summary>The paths served: <c>/</c> and each embedded file.</summary>
    public static IReadOnlyCollection<string> Paths => Assets.Keys;

    public static IApplicationBuilder UseInvestigatorPage(this IApplicationBuilder app) => app.Use(async (context, next) =>
    {
        var request = context.Request;
        if ((HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method)) && Assets.TryGetValue(request.Path.Value ?? "", out var asset))
        {
            var headers = context.Response.Headers;
            headers.ContentSecurityPolicy = ContentSecurityPolicy;
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "no-referrer";
            headers.XFrameOptions = "DENY";
            headers.CacheControl = "no-cache";
            headers.ETag = asset.ETag;
            if (request.Headers.IfNoneMatch == asset.ETag)
            {
                context.Response.StatusCode = StatusCodes.Status304NotModified;
                return;
            }

            context.Response.ContentType = asset.ContentType;
            context.Response.ContentLength = asset.Bytes.Length;
            if (HttpMethods.IsGet(request.Method))
            {
                await context.Response.Body.WriteAsync(asset.Bytes, context.RequestAborted);
            }

            return;
        }

        await next(context);
    });

    private static FrozenDictionary<string, Asset> Load()
    {
        var assembly = typeof(InvestigatorPage).Assembly;
        var assets = new Dictionary<string, Asset>(StringComparer.Ordinal);
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith("web/", StringComparison.Ordinal)))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var buffer = new MemoryStream();
            stream.CopyTo(buffer);
            var bytes = buffer.ToArray();
            var file = name["web/".Length..];
            var asset = new Asset(bytes, ContentTypeOf(file), $"\"{Convert.ToHexStringLower(SHA256.HashData(bytes))[..16]}\"");
            assets["/" + file] = asset;
            if (file == "index.html")
            {
                assets["/"] = asset;
            }
        }

        return assets.ToFrozenDictionary(StringComparer.Ordinal);
    }

    private static string ContentTypeOf(string file) => Path.GetExtension(file) switch
    {
        ".html" => "text/html; charset=utf-8",
        ".js" => "text/javascript; charset=utf-8",
        ".css" => "text/css; charset=utf-8",
        ".txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    };

    private sealed record Asset(byte[] Bytes, string ContentType, string ETag);
}
