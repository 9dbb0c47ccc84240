namespace ChainTrace.Core.Access;

/// <summary>
/// What an API key may do. <c>exchange</c>: screening and risk only; <c>investigator</c>: every read, traces,
/// watchlists, cases; <c>admin</c>: everything, including labels import, models, keys, jobs and the audit log.
/// </summary>
public enum ApiRole : byte
{
    Exchange = 1,
    Investigator = 2,
    Admin = 3,
}
