namespace ChainTrace.Api.Contracts;

public sealed record HealthDto(string Status, IReadOnlyDictionary<string, ChainTipDto> Chains);

public sealed record ChainTipDto(long Height, string Hash);
