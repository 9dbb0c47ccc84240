namespace ChainTrace.Core.Risk;

/// <summary>
/// What the bulk pass computed for one address at one data height: totals (base units: satoshi, wei, so 128 bits), exposures (amounts and shares per
/// category, direction and type), exposure discounted as dust, and the model's probability with its top features.
/// </summary>
public sealed record RiskFacts(
    long? ClusterId,
    UInt128 Received,
    UInt128 Sent,
    IReadOnlyList<CategoryExposure> Exposures,
    IReadOnlyList<DiscountedExposure> Discounted,
    double? ModelProbability = null,
    IReadOnlyList<FeatureContribution>? TopFeatures = null)
{
    public static RiskFacts None { get; } = new(null, 0, 0, [], []);
}
