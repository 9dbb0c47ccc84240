namespace ChainTrace.Api.Access;

/// <summary>Endpoint metadata choosing the rate-limit class; without it, screening endpoints are Screening and the rest Standard.</summary>
public sealed record RateLimitMetadata(RateLimitClass Class);
