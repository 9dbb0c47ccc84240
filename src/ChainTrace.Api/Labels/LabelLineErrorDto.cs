namespace ChainTrace.Api.Labels;

/// <summary>A bad line: file, 1-based line (0: the whole file) and what is wrong.</summary>
public sealed record LabelLineErrorDto(string File, int Line, string Message);
