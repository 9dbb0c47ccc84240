namespace ChainTrace.Api.Access;

/// <summary>
/// Endpoint metadata: requests to this endpoint are audited, naming the subject <c>kind:value:value…</c> made from
/// the route values listed (e.g. <c>address</c> from <c>chain</c> and <c>address</c>). A route value named
/// <c>chain</c> also selects whose data height the entry records.
/// </summary>
public sealed record AuditSubjectMetadata(string Kind, IReadOnlyList<string> RouteValues);
