using System.Globalization;
using ChainTrace.Api.Access;
using ChainTrace.Api.Contracts;
using ChainTrace.Api.Problems;
using ChainTrace.Core.Access;
using ChainTrace.Core.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Routing;

namespace ChainTrace.Api.Audit;

/// <summary><c>GET /v1/audit?key=&amp;subject=&amp;from=&amp;to=&amp;cursor=&amp;limit=</c> (admin): the audit log, oldest first.</summary>
public static class AuditEndpoints
{
    public const int MaxLimit = 1000;

    public static RouteGroupBuilder MapAuditEndpoints(this RouteGroupBuilder v1)
    {
        v1.MapGet("/audit", GetAsync)
            .RequireAccess(AccessPolicy.Admin)
            .WithName("GetAudit")
            .WithSummary("Audit entries filtered by key name, subject (e.g. address:btc:1A1z…) and time range [from, to), oldest first, paged by cursor.");
        return v1;
    }

    private static async Task<Results<Ok<AuditPageDto>, ProblemHttpResult>> GetAsync(
        string? key, string? subject, string? from, string? to, string? cursor, int? limit, IAuditLog log, [FromServices] AuditBatcher? batcher, HttpContext context, CancellationToken cancellationToken)
    {
        if (!TryTime(from, out var fromTime))
        {
            return LookupErrors.BadParameter("from", $"'{from}' is not an ISO 8601 time").ToProblem(context);
        }

        if (!TryTime(to, out var toTime))
        {
            return LookupErrors.BadParameter("to", $"'{to}' is not an ISO 8601 time").ToProblem(context);
        }

        long? after = null;
        if (cursor is not null)
        {
            if (!long.TryParse(cursor, NumberStyles.None, CultureInfo.InvariantCulture, out var sequence))
            {
                return LookupErrors.BadParameter("cursor", $"'{cursor}' is not a cursor from an earlier page").ToProblem(context);
            }

            after = sequence;
        }

        if (limit is < 1 or > MaxLimit)
        {
            return LookupErrors.BadParameter("limit", $"limit must be 1..{MaxLimit}").ToProblem(context);
        }

        // Entries answered before this query but still in the journal are copied first: the page is never behind.
        // (No batcher: the service runs without access control, and so writes no audit entries.)
        if (batcher is not null)
        {
            await batcher.FlushAsync(cancellationToken);
        }

        var normalised = subject is null ? null : string.Join(':', subject.Split(':').Select(AuditSubjects.Normalize));
        var page = await log.QueryAsync(new AuditQuery(key, normalised, fromTime, toTime, after, limit ?? 100), cancellationToken);
        return TypedResults.Ok(new AuditPageDto(
            [.. page.Entries.Select(ToDto)],
            page.NextCursor?.ToString(CultureInfo.InvariantCulture)));
    }

    private static AuditEntryDto ToDto(AuditEntry entry)
    {
        var e = entry.Event;
        return new AuditEntryDto(entry.Sequence, e.Time, e.KeyName, e.Role, e.Endpoint, e.Subject, e.Status, e.Decision, e.DataHeight, Convert.ToHexStringLower(entry.Hash.Span));
    }

    private static bool TryTime(string? text, out DateTimeOffset? time)
    {
        time = null;
        if (text is null)
        {
            return true;
        }

        if (DateTimeOffset.TryParse(text, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var parsed))
        {
            time = parsed;
            return true;
        }

        return false;
    }
}
