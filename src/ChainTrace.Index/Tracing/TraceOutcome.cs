namespace ChainTrace.Index.Tracing;

/// <summary>A trace's document and its stored bytes, or why there is none (a stable <c>Code</c> and a message).</summary>
public sealed record TraceOutcome(TraceDocument? Document, byte[]? Json, string? Code, string? Error)
{
    public static TraceOutcome Fail(string code, string error) => new(null, null, code, error);
}
