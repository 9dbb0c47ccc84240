namespace ChainTrace.Index.Tracing;

/// <summary>A trace result as served and stored (JSON, camelCase, this property order): the same request on the same data gives the same bytes.</summary>
public sealed record TraceDocument(
    string Id,
    string Chain,
    string Start,
    string Direction,
    string Taint,
    string Status,
    string? CutShort,
    IReadOnlyList<TraceEndpointView> Endpoints,
    IReadOnlyList<TraceEdgeView> Edges,
    TraceTotalsView Totals,
    TraceProvenance Provenance)
{
    /// <summary>Ethereum only: the start's calls that moved no value (failed or zero-value), which no edge shows; absent on Bitcoin.</summary>
    [System.Text.Json.Serialization.JsonIgnore(Condition = System.Text.Json.Serialization.JsonIgnoreCondition.WhenWritingNull)]
    public IReadOnlyList<TraceContactView>? Contacts { get; init; }
}
