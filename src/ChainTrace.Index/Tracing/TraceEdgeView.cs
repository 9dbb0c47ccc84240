namespace ChainTrace.Index.Tracing;

/// <summary>One hop: in transaction <c>Txid</c> (at <c>Height</c>) the amount moved through output <c>Vout</c> of <c>Address</c>.</summary>
public sealed record TraceEdgeView(int Hop, string Txid, long Height, string Outpoint, string? Address, string Amount, string? Stop);
