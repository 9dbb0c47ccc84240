namespace ChainTrace.Api.Contracts;

public sealed record HealthDto(string Status, IReadOnlyDictionary<string, ChainTipDto> Chains);

/// <param name="BlocksWithoutTraces">eth only: stored blocks ingested without traces, whose internal transfers are unknown (null for btc).</param>
public sealed record ChainTipDto(long Height, string Hash, long? BlocksWithoutTraces);
