namespace ChainTrace.Index.Tracing;

/// <summary>A walk's edge with its transactions as (height, position) and its address named; txids are looked up after the walk.</summary>
internal sealed record NamedEdge(int Hop, long Height, int Position, long OutputHeight, int OutputPosition, int Vout, string? Address, long Amount, string? Stop);
