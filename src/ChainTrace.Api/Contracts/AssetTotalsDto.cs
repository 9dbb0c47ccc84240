namespace ChainTrace.Api.Contracts;

/// <summary>Money as strings of base units (satoshi, wei): JSON numbers lose precision past 2^53.</summary>
public sealed record AssetTotalsDto(string Asset, string Received, string Sent, string? Balance, long UnknownSpends);
