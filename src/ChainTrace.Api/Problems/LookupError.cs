namespace ChainTrace.Api.Problems;

/// <summary>Why a lookup failed, in the terms of RFC 9457 problem details; shared by the API and the CLI.</summary>
/// <param name="Reason">A finer, also stable, reason (e.g. <c>bad-checksum</c>, <c>wrong-network</c>).</param>
public sealed record LookupError(int Status, string Code, string Title, string Detail, string? Reason = null);
