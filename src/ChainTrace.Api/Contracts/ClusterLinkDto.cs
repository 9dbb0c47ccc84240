namespace ChainTrace.Api.Contracts;

public sealed record ClusterLinkDto(string Heuristic, string A, string B, string? Tx, int Confidence);
