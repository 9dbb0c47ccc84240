using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Mvc;

namespace ChainTrace.Api.Problems;

public static class ProblemResults
{
    public static ProblemHttpResult ToProblem(this LookupError error, HttpContext context)
    {
        var problem = new ProblemDetails
        {
            Status = error.Status,
            Title = error.Title,
            Detail = error.Detail,
            Type = $"https://chaintrace.dev/problems/{error.Code}",
            Instance = context.Request.Path,
        };
        problem.Extensions["code"] = error.Code;
        if (error.Reason is not null)
        {
            problem.Extensions["reason"] = error.Reason;
        }

        return TypedResults.Problem(problem);
    }
}
