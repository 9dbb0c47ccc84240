namespace ChainTrace.Core.Queries;

public sealed record SeenAt(long Height, DateTimeOffset Time);
