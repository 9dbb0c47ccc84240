using System.Text.Encodings.Web;
using Microsoft.AspNetCore.Authentication;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace ChainTrace.Api.Access;

/// <summary>
/// Reads the key from <c>X-Api-Key</c> or <c>Authorization: Bearer</c>. Failures say why (unknown, revoked,
/// expired) and never echo the key; 401 and 403 answers are problem details.
/// </summary>
public sealed class ApiKeyAuthenticationHandler(
    IOptionsMonitor<AuthenticationSchemeOptions> options, ILoggerFactory logger, UrlEncoder encoder, ApiKeyValidator validator)
    : AuthenticationHandler<AuthenticationSchemeOptions>(options, logger, encoder)
{
    public const string HeaderName = "X-Api-Key";
    private const string FailureItem = "ChainTrace.AuthFailure";

    protected override async Task<AuthenticateResult> HandleAuthenticateAsync()
    {
        var presented = Presented(Request);
        if (presented is null)
        {
            return AuthenticateResult.NoResult();
        }

        var check = await validator.CheckAsync(presented, Context.RequestAborted);
        if (check.Principal is null)
        {
            Context.Items[FailureItem] = check.Failure;
            return AuthenticateResult.Fail(check.Failure!);
        }

        return AuthenticateResult.Success(new AuthenticationTicket(check.Principal, Scheme.Name));
    }

    protected override Task HandleChallengeAsync(AuthenticationProperties properties)
    {
        Response.Headers.WWWAuthenticate = $"{ApiKeyValidator.Scheme} header=\"{HeaderName}\", Bearer";
        var detail = Context.Items[FailureItem] as string ?? $"an API key is required: send it in the {HeaderName} header or as Authorization: Bearer";
        return AccessProblems.WriteAsync(Context, AccessProblems.Unauthorized(detail));
    }

    protected override Task HandleForbiddenAsync(AuthenticationProperties properties)
    {
        var role = Context.User.FindFirst(System.Security.Claims.ClaimTypes.Role)?.Value;
        var allowed = Context.GetEndpoint()?.Metadata.GetMetadata<AccessMetadata>()?.RoleCodes ?? [];
        return AccessProblems.WriteAsync(Context, AccessProblems.Forbidden(
            $"a key with role '{role}' may not call this endpoint; it needs one of: {string.Join(", ", allowed)}"));
    }

    private static string? Presented(HttpRequest request)
    {
        if (request.Headers.TryGetValue(HeaderName, out var header) && header.Count > 0 && !string.IsNullOrWhiteSpace(header[0]))
        {
            return header[0]!.Trim();
        }

        var authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }
}
