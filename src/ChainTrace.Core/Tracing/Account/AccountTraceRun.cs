namespace ChainTrace.Core.Tracing.Account;

/// <summary>What a walk of an account ledger found, in dense ids; the caller names addresses and transactions.</summary>
public sealed class AccountTraceRun
{
    public List<AccountTraceEdge> Edges { get; } = [];

    public AccountTraceTotals Totals { get; } = new();

    /// <summary>Null when the walk finished; else why it stopped early (<c>time_budget</c>).</summary>
    public string? CutShort { get; set; }

    public int MovementsVisited { get; set; }
}
