namespace ChainTrace.Core.Ingest;

public sealed record UtxoIngestOptions
{
    /// <summary>First height to read; default: one above the stored tip (or 0 for an empty store); loose-block sources default to all their blocks.</summary>
    public long? From { get; init; }

    /// <summary>Last height to read (inclusive); default: the source's tip.</summary>
    public long? To { get; init; }

    /// <summary>Blocks are written in batches of about this many transactions (one store transaction each).</summary>
    public int BatchTransactions { get; init; } = 50_000;

    /// <summary>At most this many blocks per batch, so small blocks still commit (and show progress) regularly.</summary>
    public int BatchBlocks { get; init; } = 500;

    /// <summary>Blocks parsed ahead of the writer; parsing and writing run on different cores.</summary>
    public int ReadAhead { get; init; } = 256;

    /// <summary>A reorg deeper than this is refused as a likely wrong source rather than rolled back.</summary>
    public int MaxReorgDepth { get; init; } = 1_000;
}
