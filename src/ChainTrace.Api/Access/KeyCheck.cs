using System.Security.Claims;

namespace ChainTrace.Api.Access;

/// <summary>The outcome of checking a presented key: a principal, or why not (never the key itself).</summary>
public sealed record KeyCheck(ClaimsPrincipal? Principal, string? Failure)
{
    public static KeyCheck Malformed { get; } = new(null, "the API key is not a ChainTrace key");

    public static KeyCheck Unknown { get; } = new(null, "the API key is unknown");

    public static KeyCheck Revoked { get; } = new(null, "the API key was revoked");

    public static KeyCheck Expired { get; } = new(null, "the API key has expired");
}
