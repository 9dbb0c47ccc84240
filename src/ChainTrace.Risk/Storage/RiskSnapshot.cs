namespace ChainTrace.Risk.Storage;

/// <summary>What a stored refresh was computed from: the data height, the parameters and versions.</summary>
public sealed record RiskSnapshot(long Height, int Hops, long DustThreshold, string LabelSetVersion, string? ModelVersion, DateTimeOffset ComputedAt, long Addresses);
