namespace ChainTrace.Core.Risk;

/// <summary>How much of an address's received (sent) value came from (went to) a category.</summary>
/// <param name="Category">A taxonomy id (<c>sanction</c>, <c>mixing_service</c>, …).</param>
/// <param name="Amount">Base units (satoshi, wei), haircut-weighted.</param>
/// <param name="Share">Amount over everything received (incoming) or sent (outgoing), 0–1.</param>
public sealed record CategoryExposure(string Category, ExposureDirection Direction, ExposureType Type, UInt128 Amount, double Share);
