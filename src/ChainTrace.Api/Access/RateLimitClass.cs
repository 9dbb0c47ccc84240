namespace ChainTrace.Api.Access;

/// <summary>Which per-key rate-limit bucket an endpoint draws from; each class has its own, so heavy work cannot use up screening.</summary>
public enum RateLimitClass
{
    /// <summary>Screening and risk answers for exchanges: high rates, never shared with heavy work.</summary>
    Screening,

    /// <summary>Ordinary lookups.</summary>
    Standard,

    /// <summary>Traces, imports, graph walks: few per key, and a cap on how many run at once across all keys.</summary>
    Heavy,
}
