namespace ChainTrace.Index.Tracing;

public sealed record TraceParametersView(
    int Hops, int Breadth, string MinAmount, long? FromHeight, long? ToHeight, double TimeBudgetSeconds, IReadOnlyList<string> Stop, string? Asset, int SuperclusterThreshold);
