namespace ChainTrace.Risk.Storage;

/// <summary>
/// What a stored refresh was computed from: the data height, the parameters and versions. <see cref="DustThreshold"/>
/// is in the chain's base unit (satoshi, wei), so 128 bits: an Ethereum threshold above 2^63 wei (~9.2 ether) fits.
/// </summary>
public sealed record RiskSnapshot(long Height, int Hops, UInt128 DustThreshold, string LabelSetVersion, string? ModelVersion, DateTimeOffset ComputedAt, long Addresses);
