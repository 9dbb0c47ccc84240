namespace ChainTrace.Index.Tracing;

public sealed record TraceTotalsView(
    string Traced, string ReachedEndpoints, string Unspent, string Fees, string BelowMinimum, string CutByLimits,
    string CutByHops, string CutByBreadth, string CutByWindow, string CutByTime);
