using Microsoft.AspNetCore.Http;

namespace ChainTrace.Api.Audit;

/// <summary>Lets a screening endpoint name its decision (e.g. <c>block</c>) for the request's audit entry.</summary>
public static class AuditDecision
{
    private const string Item = "ChainTrace.AuditDecision";

    public static void SetAuditDecision(this HttpContext context, string decision)
    {
        ArgumentNullException.ThrowIfNull(context);
        context.Items[Item] = decision;
    }

    public static string? GetAuditDecision(this HttpContext context)
    {
        ArgumentNullException.ThrowIfNull(context);
        return context.Items.TryGetValue(Item, out var decision) ? decision as string : null;
    }
}
