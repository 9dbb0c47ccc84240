using System.Security.Claims;
using ChainTrace.Api.Access;
using ChainTrace.Core.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;

namespace ChainTrace.Api.Audit;

/// <summary>
/// Audits requests to endpoints carrying <see cref="AuditSubjectMetadata"/>, whatever their outcome (401, 403 and
/// 429 included). It runs before authentication, holds the response in memory, and lets it go only once the entry
/// is committed: no answer leaves without its audit entry on disk.
/// </summary>
public sealed class AuditMiddleware(RequestDelegate next, AuditBatcher batcher, DataHeights heights, TimeProvider time)
{
    public async Task InvokeAsync(HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        var endpoint = context.GetEndpoint();
        if (endpoint?.Metadata.GetMetadata<AuditSubjectMetadata>() is not { } subject)
        {
            await next(context);
            return;
        }

        var original = context.Response.Body;
        using var buffer = new HeldResponse();
        context.Response.Body = buffer;
        var failed = false;
        batcher.Enter();
        try
        {
            await next(context);
        }
        catch
        {
            failed = true;
            throw;
        }
        finally
        {
            context.Response.Body = original;
            await AppendAsync(context, endpoint, subject, failed);
        }

        // A framework-made error (a body that does not bind, a body over the size limit) has no body yet: leave the
        // response untouched so UseStatusCodePages, outside this middleware, writes its problem details with a code.
        // Its audit entry is committed above, so that answer too leaves only after it.
        if (buffer.Length == 0 && context.Response.StatusCode >= 400 && !context.Response.HasStarted && string.IsNullOrEmpty(context.Response.ContentType))
        {
            return;
        }

        context.Response.ContentLength = buffer.Length;
        await original.WriteAsync(buffer.Written, context.RequestAborted);
    }

    /// <summary>Hands the request's entry to the batcher (ending its <see cref="AuditBatcher.Enter"/> even when the entry cannot be made).</summary>
    private async Task AppendAsync(HttpContext context, Endpoint endpoint, AuditSubjectMetadata subject, bool failed)
    {
        AuditEvent entry;
        try
        {
            entry = await EventOfAsync(context, endpoint, subject, failed);
        }
        catch
        {
            batcher.Leave();
            throw;
        }

        await batcher.AppendAsync(entry);
    }

    private async Task<AuditEvent> EventOfAsync(HttpContext context, Endpoint endpoint, AuditSubjectMetadata subject, bool failed)
    {
        var values = context.Request.RouteValues;
        var user = context.User.Identity?.IsAuthenticated == true ? context.User : null;
        var pattern = (endpoint as RouteEndpoint)?.RoutePattern.RawText ?? context.Request.Path.Value ?? "";
        return new AuditEvent(
            time.GetUtcNow(),
            user?.Identity!.Name,
            user?.FindFirst(ClaimTypes.Role)?.Value,
            $"{context.Request.Method} {pattern}",
            AuditSubjects.Of(subject.Kind, subject.RouteValues, values),
            failed ? StatusCodes.Status500InternalServerError : context.Response.StatusCode,
            context.GetAuditDecision(),
            await heights.GetAsync(values.TryGetValue("chain", out var chain) ? chain?.ToString() : null, CancellationToken.None));
    }
}
