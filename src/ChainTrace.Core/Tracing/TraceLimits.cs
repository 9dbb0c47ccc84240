namespace ChainTrace.Core.Tracing;

/// <summary>How far a trace may go. Defaults are the API's.</summary>
/// <param name="Hops">Transactions followed from the start (1..<see cref="MaxHops"/>).</param>
/// <param name="Breadth">Per transaction, at most this many tainted outputs are followed, the largest first; the rest is "cut".</param>
/// <param name="MinAmount">Tainted amounts below this (base units) are not followed (totals: below minimum).</param>
/// <param name="FromHeight">Only transactions at or above this height are followed.</param>
/// <param name="ToHeight">Only transactions at or below this height are followed.</param>
/// <param name="Budget">Wall-clock budget; a trace that runs out stops and says so.</param>
public sealed record TraceLimits(int Hops, int Breadth, long MinAmount, long? FromHeight, long? ToHeight, TimeSpan Budget)
{
    public const int DefaultHops = 6;
    public const int MaxHops = 10;
    public const int DefaultBreadth = 50;

    public static TraceLimits Default { get; } = new(DefaultHops, DefaultBreadth, 0, null, null, TimeSpan.FromSeconds(10));

    public bool HasWindow => FromHeight is not null || ToHeight is not null;

    /// <summary>Whether transaction <paramref name="tx"/> lies in the window; its height is looked up only when there is one (a lookup the read model pays for).</summary>
    public bool InWindow(IUtxoFlowGraph graph, int tx) => !HasWindow || InWindow(graph.Height(tx));

    public bool InWindow(long height) => (FromHeight is not { } from || height >= from) && (ToHeight is not { } to || height <= to);
}
