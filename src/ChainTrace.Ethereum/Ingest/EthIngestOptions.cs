using System.ComponentModel.DataAnnotations;

namespace ChainTrace.Ethereum.Ingest;

public sealed record EthIngestOptions
{
    /// <summary>First height to ingest when the store is empty or behind it; null = genesis or resume from the store tip.</summary>
    public long? From { get; set; }

    /// <summary>Last height to ingest; null = the source tip minus <see cref="Confirmations"/>.</summary>
    public long? To { get; set; }

    /// <summary>Blocks per store transaction.</summary>
    [Range(1, 10_000)]
    public int BatchSize { get; set; } = 50;

    /// <summary>Blocks left unread below the source tip, so that shallow reorgs rarely reach the store.</summary>
    [Range(0, 1_000)]
    public int Confirmations { get; set; }

    /// <summary>
    /// The deepest reorg the ingestor rolls back. A deeper fork means the store and the source disagree about
    /// final history (wrong network, a different chain): ingestion stops with an error instead of deleting it.
    /// </summary>
    [Range(1, 100_000)]
    public int FinalityDepth { get; set; } = 64;
}
