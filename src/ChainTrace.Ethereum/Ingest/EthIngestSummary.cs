using ChainTrace.Core.Account;

namespace ChainTrace.Ethereum.Ingest;

/// <param name="FromHeight">First height read in this run; null when there was nothing to read.</param>
/// <param name="ToHeight">Last height read in this run.</param>
/// <param name="TransfersByKind">Transfers of newly written blocks, per kind.</param>
/// <param name="Reorgs">Forks found (at resume or while reading) and rolled back.</param>
/// <param name="BlocksRolledBack">Stored blocks removed by those rollbacks.</param>
/// <param name="BlocksWithoutTraces">Newly written blocks the source gave without traces: their internal transfers are unknown.</param>
public sealed record EthIngestSummary(
    string Source,
    long? FromHeight,
    long? ToHeight,
    int BlocksWritten,
    int BlocksSkipped,
    long Transactions,
    long Transfers,
    IReadOnlyDictionary<TransferKind, long> TransfersByKind,
    NormalizationWarnings Warnings,
    int Reorgs,
    long BlocksRolledBack,
    TimeSpan Elapsed,
    int BlocksWithoutTraces = 0);
