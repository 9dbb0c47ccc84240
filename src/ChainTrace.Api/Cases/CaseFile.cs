namespace ChainTrace.Api.Cases;

/// <summary>Everything a case export is made of, read once so the bundle and the report show the same state.</summary>
public sealed record CaseFile(CaseDetailDto Detail, IReadOnlyList<PinnedTrace> Traces, DateTimeOffset ExportedAt, string ExportedBy);
