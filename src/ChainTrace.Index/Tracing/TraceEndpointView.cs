namespace ChainTrace.Index.Tracing;

/// <summary>An entity the trace reached: a labelled address or cluster (<c>cluster:&lt;id&gt;</c>) or a supercluster.</summary>
public sealed record TraceEndpointView(
    string Entity, string Kind, string? Category, IReadOnlyList<string> Labels, string Amount, int Hops, long FirstHeight, DateTimeOffset FirstTime, int Addresses);
