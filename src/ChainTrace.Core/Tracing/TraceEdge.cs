namespace ChainTrace.Core.Tracing;

/// <summary>
/// One hop of value: in transaction <paramref name="Tx"/>, <paramref name="Amount"/> of the traced value moved
/// through output <paramref name="Output"/> (forward: the output that received it; backward: the spent output it came from).
/// </summary>
/// <param name="Hop">Transactions from the start (1 for the start's own spending or funding transaction).</param>
/// <param name="Stop">Whether the output's address stopped the trace.</param>
public readonly record struct TraceEdge(int Tx, int Output, long Amount, int Hop, StopKind Stop);
