namespace ChainTrace.Jobs.Jobs;

/// <summary>The service's data directory, where the read models and the risk store live.</summary>
public sealed record JobPaths(string DataDirectory);
