using System.Text;
using ChainTrace.Api.Problems;
using ChainTrace.Core.Tracing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ChainTrace.Api.Traces;

/// <summary>
/// <c>POST /v1/traces</c> (201, the result with its <c>id</c> at the top, <c>Location: /v1/traces/{id}</c>) and
/// <c>GET /v1/traces/{id}?format=json|csv|graphml</c>. Results are kept, so a GET answers after a restart.
/// </summary>
public static class TraceEndpoints
{
    public static RouteGroupBuilder MapTraceEndpoints(this RouteGroupBuilder v1)
    {
        var traces = v1.MapGroup("/traces").WithTags("Tracing");
        traces.MapPost("", async (TraceRequest request, [FromServices] ITraceRunner runner, HttpContext context, CancellationToken ct) =>
            {
                var answer = await runner.TraceAsync(request, ct);
                if (answer.Code is { } code)
                {
                    var status = code == "no-read-model" ? StatusCodes.Status409Conflict : StatusCodes.Status400BadRequest;
                    return (IResult)new LookupError(status, code, "Trace not run", answer.Error!).ToProblem(context);
                }

                context.Response.Headers.Location = $"/v1/traces/{answer.Id}";
                return Results.Text(Encoding.UTF8.GetString(answer.Json!), "application/json", Encoding.UTF8, StatusCodes.Status201Created);
            })
            .WithName("CreateTrace")
            .WithSummary("Trace funds forward or backward (haircut, poison or FIFO); 201 with the result and its Location.");
        traces.MapGet("/{id}", async (string id, string? format, [FromServices] ITraceRunner runner, HttpContext context, CancellationToken ct) =>
            {
                format ??= "json";
                if (ContentType(format) is not { } type)
                {
                    return (IResult)new LookupError(400, ProblemCodes.InvalidParameter, "Unknown format", $"unknown format '{format}': expected json, csv or graphml", "unknown-format").ToProblem(context);
                }

                return await runner.GetAsync(id, format, ct) is { } bytes
                    ? Results.Bytes(bytes, type)
                    : new LookupError(404, "unknown-trace", "No such trace", $"no trace has id '{id}'").ToProblem(context);
            })
            .WithName("GetTrace")
            .WithSummary("A kept trace as JSON, CSV (one row per edge) or GraphML.");
        v1.MapGet("/paths", async (string? chain, string? from, string? to, int? hops, [FromServices] ITraceRunner runner, HttpContext context, CancellationToken ct) =>
            {
                var answer = await runner.PathsAsync(chain, from, to, hops, ct);
                return answer.Code is { } code
                    ? (IResult)new LookupError(code == "no-read-model" ? 409 : 400, code, "Paths not searched", answer.Error!).ToProblem(context)
                    : Results.Bytes(answer.Json!, "application/json");
            })
            .WithTags("Tracing")
            .WithName("GetPaths")
            .WithSummary("Connection search: the paths by which value moved from one address or cluster to another within N hops, with per-hop amounts.");
        return v1;
    }

    private static string? ContentType(string format) => format switch
    {
        "json" => "application/json",
        "csv" => "text/csv",
        "graphml" => "application/graphml+xml",
        _ => null,
    };
}
