using ChainTrace.Api.Access;
using ChainTrace.Api.Contracts;
using ChainTrace.Api.Problems;
using ChainTrace.Core.Access;
using ChainTrace.Core.Ports;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Http.HttpResults;
using Microsoft.AspNetCore.Routing;

namespace ChainTrace.Api.Keys;

/// <summary><c>/v1/keys</c> (admin): list, create (the key is in the answer, once), revoke.</summary>
public static class KeyEndpoints
{
    public static RouteGroupBuilder MapKeyEndpoints(this RouteGroupBuilder v1)
    {
        var keys = v1.MapGroup("/keys").RequireAccess(AccessPolicy.Admin);
        keys.MapGet("/", ListAsync).WithName("ListKeys").WithSummary("Every API key (never the key itself): name, role, status, times.");
        keys.MapPost("/", CreateAsync).WithName("CreateKey").WithSummary("Creates a key; the answer holds the key, shown this once.");
        keys.MapDelete("/{name}", RevokeAsync).WithName("RevokeKey").WithSummary("Revokes the named key at once; its name stays taken.");
        return v1;
    }

    public static KeyDto ToDto(this ApiKey key, DateTimeOffset now)
    {
        ArgumentNullException.ThrowIfNull(key);
        var status = key.RevokedAt is not null ? "revoked" : key.IsUsableAt(now) ? "active" : "expired";
        return new KeyDto(key.Name, key.Role.ToCode(), status, key.CreatedAt, key.ExpiresAt, key.RevokedAt);
    }

    private static async Task<Ok<KeyDto[]>> ListAsync(IApiKeyStore store, TimeProvider time, CancellationToken cancellationToken)
    {
        var now = time.GetUtcNow();
        return TypedResults.Ok((await store.ListAsync(cancellationToken)).Select(k => k.ToDto(now)).ToArray());
    }

    private static async Task<Results<Created<CreatedKeyDto>, ProblemHttpResult>> CreateAsync(
        CreateKeyRequest request, IApiKeyStore store, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (!ApiRoles.TryParse(request.Role, out var role))
        {
            return LookupErrors.BadParameter("role", $"'{request.Role}' is not a role: expected exchange, investigator or admin").ToProblem(context);
        }

        IssuedKey? issued;
        try
        {
            issued = await ApiKeyIssuer.IssueAsync(store, request.Name ?? "", role, request.ExpiresAt, time.GetUtcNow(), cancellationToken);
        }
        catch (FormatException error)
        {
            return LookupErrors.BadParameter(request.ExpiresAt is null ? "name" : "name or expiresAt", error.Message).ToProblem(context);
        }

        if (issued is null)
        {
            return new LookupError(409, ProblemCodes.KeyExists, "Key exists", $"a key named '{request.Name}' exists (revoked names stay taken)").ToProblem(context);
        }

        var key = issued.Key;
        return TypedResults.Created($"/v1/keys/{key.Name}", new CreatedKeyDto(key.Name, key.Role.ToCode(), issued.Text, key.CreatedAt, key.ExpiresAt));
    }

    private static async Task<Results<NoContent, ProblemHttpResult>> RevokeAsync(
        string name, IApiKeyStore store, ApiKeyValidator validator, TimeProvider time, HttpContext context, CancellationToken cancellationToken)
    {
        if (!await store.RevokeAsync(name, time.GetUtcNow(), cancellationToken))
        {
            return LookupErrors.NotFound($"no active key named '{name}'").ToProblem(context);
        }

        validator.Invalidate();
        return TypedResults.NoContent();
    }
}
