namespace ChainTrace.Ethereum.Rpc;

/// <summary>Which tracer supplies internal transfers.</summary>
public enum TraceMode
{
    /// <summary>Try <c>trace_block</c>, then <c>debug_traceBlockByNumber</c>, else ingest without internal transfers.</summary>
    Auto,

    /// <summary>Parity/Erigon/Anvil <c>trace_block</c>.</summary>
    Parity,

    /// <summary>geth <c>debug_traceBlockByNumber</c> with <c>callTracer</c>.</summary>
    Geth,

    /// <summary>No traces: native and token transfers only.</summary>
    None,
}
