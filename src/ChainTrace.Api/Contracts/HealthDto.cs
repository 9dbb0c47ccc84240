namespace ChainTrace.Api.Contracts;

/// <param name="Status"><c>ok</c>, or <c>degraded</c> when a module reports a problem (a source unreachable), listed in <paramref name="Problems"/>.</param>
public sealed record HealthDto(string Status, IReadOnlyDictionary<string, ChainTipDto> Chains, IReadOnlyList<string>? Problems = null, IReadOnlyDictionary<string, object>? Sections = null);

/// <param name="BlocksWithoutTraces">eth only: stored blocks ingested without traces, whose internal transfers are unknown (null for btc).</param>
public sealed record ChainTipDto(long Height, string Hash, long? BlocksWithoutTraces);
