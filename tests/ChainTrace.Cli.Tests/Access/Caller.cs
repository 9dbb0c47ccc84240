namespace ChainTrace.Cli.Tests.Access;

/// <summary>Who calls in the authorization matrix: no key, a key that never existed, a revoked, an expired, and one valid key per role.</summary>
public enum Caller
{
    NoKey,
    WrongKey,
    Revoked,
    Expired,
    Exchange,
    Investigator,
    Admin,
}
