namespace ChainTrace.Core.Risk;

/// <summary>One model input, its value for this address, and how far it pushed the score up.</summary>
public sealed record FeatureContribution(string Feature, double Value, double Contribution);
