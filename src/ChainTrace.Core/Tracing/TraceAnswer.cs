namespace ChainTrace.Core.Tracing;

/// <summary>A trace's id and JSON result, or a stable error code and message for bad input.</summary>
public sealed record TraceAnswer(string? Id, byte[]? Json, string? Code, string? Error);
