namespace ChainTrace.Api.Cases;

/// <summary>A pinned trace's kept result in each format the trace API serves (bytes as served, so hashes match a GET of the trace).</summary>
public sealed record PinnedTrace(string Id, byte[] Json, byte[] Csv, byte[] GraphMl);
