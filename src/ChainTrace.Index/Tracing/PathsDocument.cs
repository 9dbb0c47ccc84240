namespace ChainTrace.Index.Tracing;

/// <summary>The answer of a connection search: each path a list of hops with the amount each moved.</summary>
public sealed record PathsDocument(string Chain, string From, string To, int Hops, string Status, IReadOnlyList<IReadOnlyList<TraceEdgeView>> Paths, IReadOnlyDictionary<string, long> DataHeights);
