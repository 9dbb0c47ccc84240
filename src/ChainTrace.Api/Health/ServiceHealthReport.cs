namespace ChainTrace.Api.Health;

/// <summary>Named sections (JSON objects) of <c>/health</c> and whether any of them is degraded, with why.</summary>
public sealed record ServiceHealthReport(bool Degraded, IReadOnlyList<string> Problems, IReadOnlyDictionary<string, object> Sections);
