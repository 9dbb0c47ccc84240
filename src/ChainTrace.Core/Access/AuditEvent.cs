namespace ChainTrace.Core.Access;

/// <summary>
/// One audited request, before the log links it into the chain. <paramref name="KeyName"/> and
/// <paramref name="Role"/> are null when authentication failed (the presented key is never recorded).
/// </summary>
/// <param name="Endpoint">Method and route pattern, e.g. <c>GET /v1/addresses/{chain}/{address}</c>.</param>
/// <param name="Subject">The normalised thing asked about, e.g. <c>address:btc:1A1zP1…</c>, <c>tx:eth:0x…</c>.</param>
/// <param name="Decision">For screenings, the decision returned; null otherwise.</param>
/// <param name="DataHeight">The data height of the subject's chain when the request was answered; null when unknown.</param>
public sealed record AuditEvent(
    DateTimeOffset Time,
    string? KeyName,
    string? Role,
    string Endpoint,
    string Subject,
    int Status,
    string? Decision,
    long? DataHeight);
