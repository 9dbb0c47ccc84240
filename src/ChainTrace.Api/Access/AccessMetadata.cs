namespace ChainTrace.Api.Access;

/// <summary>Endpoint metadata: the access policy an endpoint declared (read by authorization, OpenAPI and the tests).</summary>
public sealed record AccessMetadata(string Policy)
{
    public IReadOnlyList<string> RoleCodes { get; } = [.. AccessPolicy.RolesOf(Policy).Select(Core.Access.ApiRoles.ToCode)];
}
