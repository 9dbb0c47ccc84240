using ChainTrace.Api.Problems;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Mvc;
using Microsoft.Extensions.DependencyInjection;

namespace ChainTrace.Api.Access;

/// <summary>401, 403 and 429 as problem details with their stable codes, written outside any endpoint.</summary>
public static class AccessProblems
{
    public static Task WriteAsync(HttpContext context, LookupError error)
    {
        ArgumentNullException.ThrowIfNull(context);
        ArgumentNullException.ThrowIfNull(error);
        context.Response.StatusCode = error.Status;
        var problem = new ProblemDetails
        {
            Status = error.Status,
            Title = error.Title,
            Detail = error.Detail,
            Type = $"https://chaintrace.dev/problems/{error.Code}",
            Instance = context.Request.Path,
        };
        problem.Extensions["code"] = error.Code;
        return context.RequestServices.GetRequiredService<IProblemDetailsService>()
            .WriteAsync(new ProblemDetailsContext { HttpContext = context, ProblemDetails = problem }).AsTask();
    }

    public static LookupError Unauthorized(string detail) =>
        new(401, ProblemCodes.Unauthorized, "Unauthorized", detail);

    public static LookupError Forbidden(string detail) =>
        new(403, ProblemCodes.Forbidden, "Forbidden", detail);

    public static LookupError RateLimited(TimeSpan retryAfter) =>
        new(429, ProblemCodes.RateLimited, "Too many requests", $"this key's rate limit for this kind of request is used up; retry after {Math.Max(1, (int)Math.Ceiling(retryAfter.TotalSeconds))} s");
}
