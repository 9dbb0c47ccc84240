namespace ChainTrace.Core.Tracing;

/// <summary>What a walk of the UTXO graph found, in dense ids; the caller names addresses and transactions.</summary>
public sealed class UtxoTraceRun
{
    public List<TraceEdge> Edges { get; } = [];

    public TraceTotals Totals { get; } = new();

    /// <summary>Null when the walk finished; else why it stopped early (<c>time_budget</c>).</summary>
    public string? CutShort { get; set; }

    public int TransactionsVisited { get; set; }
}
