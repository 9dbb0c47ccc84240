namespace ChainTrace.Api.Cases;

/// <summary><c>POST /v1/cases</c> and <c>PATCH /v1/cases/{id}</c> (null fields stay as they are).</summary>
public sealed record CaseRequest(string? Title, string? Description, string? Status);
