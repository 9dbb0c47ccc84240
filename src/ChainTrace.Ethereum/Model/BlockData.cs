namespace ChainTrace.Ethereum.Model;

/// <summary>Everything read for one block. Receipts and traces are null when the source did not provide them.</summary>
public sealed record BlockData(RawBlock Block, IReadOnlyList<RawReceipt>? Receipts, IReadOnlyList<TraceFrame>? Traces);
