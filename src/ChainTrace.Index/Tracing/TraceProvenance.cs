namespace ChainTrace.Index.Tracing;

/// <summary>Enough to reproduce the trace: the data it ran at, the versions of what it used, every parameter.</summary>
public sealed record TraceProvenance(
    IReadOnlyDictionary<string, long> DataHeights, string Engine, string Heuristics, string LabelSet, TraceParametersView Parameters);
