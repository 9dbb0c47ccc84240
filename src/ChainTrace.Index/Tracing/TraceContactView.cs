namespace ChainTrace.Index.Tracing;

/// <summary>
/// An Ethereum transaction between the start and another account that moved none of the traced asset (a failed
/// call, a zero-value call): no value to follow, but an interaction the data shows — the counterparty is named,
/// with its stop category and labels when it is one.
/// </summary>
public sealed record TraceContactView(string Txid, long Height, string From, string To, bool? Succeeded, string Value, string? Stop, string? Category, IReadOnlyList<string> Labels);
