using ChainTrace.Core.Access;

namespace ChainTrace.Api.Access;

/// <summary>
/// The authorization policies an endpoint declares with <see cref="AccessConventions.RequireAccess{TBuilder}"/>.
/// A policy names a kind of work, not a role, so the role table lives here alone.
/// </summary>
public static class AccessPolicy
{
    /// <summary>No key needed: <c>GET /health</c>, the OpenAPI document and reference.</summary>
    public const string Public = "public";

    /// <summary>Screening and risk: exchanges, investigators, admins.</summary>
    public const string Screening = "screening";

    /// <summary>Every read, traces, watchlists, cases: investigators and admins.</summary>
    public const string Read = "read";

    /// <summary>Labels import, models, keys, jobs, audit, metrics: admins.</summary>
    public const string Admin = "admin";

    public static IReadOnlyList<string> All { get; } = [Public, Screening, Read, Admin];

    /// <summary>The roles a policy admits; empty for <see cref="Public"/> (no key at all is needed).</summary>
    public static IReadOnlyList<ApiRole> RolesOf(string policy) => policy switch
    {
        Public => [],
        Screening => [ApiRole.Exchange, ApiRole.Investigator, ApiRole.Admin],
        Read => [ApiRole.Investigator, ApiRole.Admin],
        Admin => [ApiRole.Admin],
        _ => throw new ArgumentOutOfRangeException(nameof(policy), policy, "unknown access policy"),
    };
}
