namespace ChainTrace.Api.Contracts;

public sealed record SeenDto(long Height, DateTimeOffset Time);
