using System.Reflection;
using System.Text.Json;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.Metadata;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Options;

namespace ChainTrace.Api.Screening;

/// <summary>200 with a <see cref="RiskDto"/> written by <see cref="RiskJson"/>; described to OpenAPI as <c>Ok&lt;RiskDto&gt;</c> is.</summary>
public sealed class RiskJsonResult(RiskDto value) : IResult, IStatusCodeHttpResult, IValueHttpResult<RiskDto>, IContentTypeHttpResult, IEndpointMetadataProvider
{
    private const string JsonContentType = "application/json; charset=utf-8";

    public RiskDto Value => value;

    public int? StatusCode => StatusCodes.Status200OK;

    public string ContentType => JsonContentType;

    public async Task ExecuteAsync(HttpContext httpContext)
    {
        ArgumentNullException.ThrowIfNull(httpContext);
        var options = httpContext.RequestServices.GetRequiredService<IOptions<Microsoft.AspNetCore.Http.Json.JsonOptions>>().Value.SerializerOptions;
        httpContext.Response.StatusCode = StatusCodes.Status200OK;
        httpContext.Response.ContentType = JsonContentType;
        var body = httpContext.Response.BodyWriter;
        await using (var writer = new Utf8JsonWriter(body, new JsonWriterOptions { Encoder = options.Encoder, Indented = options.WriteIndented }))
        {
            RiskJson.Write(writer, value);
        }

        await body.FlushAsync(httpContext.RequestAborted);
    }

    public static void PopulateMetadata(MethodInfo method, EndpointBuilder builder)
    {
        ArgumentNullException.ThrowIfNull(builder);
        builder.Metadata.Add(new ProducesResponseTypeMetadata(StatusCodes.Status200OK, typeof(RiskDto), ["application/json"]));
    }
}
