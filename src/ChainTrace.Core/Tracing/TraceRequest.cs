namespace ChainTrace.Core.Tracing;

/// <summary>A trace as asked (POST /v1/traces, <c>chaintrace trace</c>); every field but chain and start optional.</summary>
public sealed record TraceRequest
{
    public string? Chain { get; init; }

    /// <summary>An address, <c>cluster:&lt;id&gt;</c>, or <c>&lt;txid&gt;:&lt;vout&gt;</c>.</summary>
    public string? Start { get; init; }

    public string? Direction { get; init; }

    public int? Hops { get; init; }

    public string? Taint { get; init; }

    /// <summary>A token contract address (Ethereum only); null: the chain's native asset.</summary>
    public string? Asset { get; init; }

    public IReadOnlyList<string>? Stop { get; init; }

    public int? Breadth { get; init; }

    /// <summary>Base units, as a string (money in JSON is a string).</summary>
    public string? MinAmount { get; init; }

    public long? FromHeight { get; init; }

    public long? ToHeight { get; init; }

    public double? TimeBudgetSeconds { get; init; }
}
