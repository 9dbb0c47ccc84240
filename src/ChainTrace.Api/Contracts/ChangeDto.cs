namespace ChainTrace.Api.Contracts;

public sealed record ChangeDto(int OutputIndex, string Heuristic, int Confidence);
