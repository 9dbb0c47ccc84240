using System.ComponentModel.DataAnnotations;
using System.Diagnostics;
using ChainTrace.Core.Account;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ingest;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace ChainTrace.Ethereum.Ingest;

/// <summary>
/// Moves blocks from an <see cref="IAccountBlockSource"/> into an <see cref="IAccountGraphStore"/>: resumes
/// after the store tip, checks every block's parent against the block below it, and on a mismatch (a reorg,
/// found at resume or mid-run) rolls the store back to the fork point and reads on from there. A reorg is an
/// ordinary outcome here, not an error; only one deeper than the finality depth stops the run.
/// </summary>
public sealed class EthIngestor(ILogger<EthIngestor>? logger = null)
{
    private readonly ILogger _logger = (ILogger?)logger ?? NullLogger.Instance;

    public async Task<EthIngestSummary> RunAsync(
        IAccountBlockSource source,
        IAccountGraphStore store,
        EthIngestOptions options,
        IProgress<EthIngestProgress>? progress,
        CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        Validator.ValidateObject(options, new ValidationContext(options), validateAllProperties: true);
        var clock = Stopwatch.StartNew();
        var run = new RunState();
        var sourceTip = await source.GetTipHeightAsync(cancellationToken)
            ?? throw new IngestConflictException($"{source.Description} has no blocks: nothing to ingest, nothing was changed");
        var target = Math.Min(options.To ?? long.MaxValue, sourceTip - options.Confirmations);

        var (next, lastHash) = await ResumePointAsync(source, store, options, sourceTip, run, cancellationToken);
        while (next <= target)
        {
            run.FromHeight ??= next;
            var batch = new List<AccountBlock>(options.BatchSize);

            // One batch is written while the next is read: fetching never waits for SQLite unless the writer
            // falls a whole batch behind.
            Task pendingWrite = Task.CompletedTask;
            AccountBlock? orphan = null;
            try
            {
                await foreach (var block in source.ReadBlocksAsync(next, target, cancellationToken))
                {
                    if (block.Header.Height != next)
                    {
                        throw new MalformedDataException(source.Description, $"expected block {next}, the source gave block {block.Header.Height}");
                    }

                    if (lastHash is { } expected && block.Header.PreviousHash != expected)
                    {
                        orphan = block;
                        break;
                    }

                    batch.Add(block);
                    lastHash = block.Header.Hash;
                    next++;
                    if (batch.Count >= options.BatchSize)
                    {
                        await pendingWrite;
                        var full = batch;
                        pendingWrite = Task.Run(() => WriteAsync(store, full, run, target, clock, progress, cancellationToken), cancellationToken);
                        batch = new List<AccountBlock>(options.BatchSize);
                    }
                }
            }
            catch when (!pendingWrite.IsCompleted)
            {
                // Never leave a write running on the store the caller is about to dispose.
                await pendingWrite.ContinueWith(_ => { }, TaskScheduler.Default);
                throw;
            }

            await pendingWrite;
            await WriteAsync(store, batch, run, target, clock, progress, cancellationToken);
            if (orphan is not null)
            {
                var reorgs = run.Reorgs;
                var expectedParent = lastHash;
                (next, lastHash) = await ResumePointAsync(source, store, options with { From = null }, sourceTip, run, cancellationToken);
                if (run.Reorgs == reorgs)
                {
                    throw new IngestConflictException(
                        $"{source.Description} block {orphan.Header.Height} {orphan.Header.Hash} has parent {orphan.Header.PreviousHash}, not the stored block {orphan.Header.Height - 1} {expectedParent}, " +
                        "and the source holds no other block at that height to show a reorg: nothing of that block was written, nothing was rolled back");
                }
            }
            else if (next <= target)
            {
                throw new MalformedDataException(source.Description, $"the source stopped at block {next - 1}, below the target {target}");
            }
        }

        return new EthIngestSummary(
            source.Description, run.FromHeight, run.FromHeight is null ? null : next - 1, run.Written, run.Skipped,
            run.Transactions, run.ByKind.Values.Sum(), run.ByKind, run.Warnings, run.Reorgs, run.RolledBack, clock.Elapsed, run.Untraced);
    }

    /// <summary>
    /// The height to read next and the hash its parent must have (null when the store holds nothing below it).
    /// Only a different hash at a height the source holds is a reorg (<see cref="ChainAlignment"/>); a source that
    /// starts above the stored tip or ends below it deletes nothing.
    /// </summary>
    private async Task<(long Next, Hash32? ParentHash)> ResumePointAsync(
        IAccountBlockSource source, IAccountGraphStore store, EthIngestOptions options, long sourceTip, RunState run, CancellationToken cancellationToken)
    {
        var sourceFirst = await source.GetFirstHeightAsync(cancellationToken);
        var alignment = await ChainAlignment.AlignAsync(
            store, Chain.Eth, source.Description, sourceFirst, sourceTip, source.GetBlockHashAsync, options.FinalityDepth, cancellationToken,
            tip => new ReorgTooDeepException(tip, options.FinalityDepth));
        long next;
        switch (alignment.Kind)
        {
            case AlignmentKind.EmptyStore:
                return (options.From ?? sourceFirst, null);
            case AlignmentKind.Agrees:
                next = options.From ?? alignment.Anchor!.Height + 1;
                break;
            case AlignmentKind.Disjoint:
                next = options.From ?? sourceFirst;
                if (options.From is null && alignment.Anchor is { } below && below.Height + 1 < next)
                {
                    throw new IngestConflictException(
                        $"{source.Description} starts at block {sourceFirst}, but the stored eth chain ends at {below.Height}: blocks {below.Height + 1}..{next - 1} are missing. " +
                        $"Ingest them first, or pass --from {next} to store a separate segment; nothing was changed");
                }

                break;
            default:
                var storeTip = (await store.GetTipAsync(Chain.Eth, cancellationToken))!;
                var fork = alignment.ForkHeight;
                EthIngestLog.Reorg(_logger, source.Description, storeTip.Height, fork);
                await store.RollbackToAsync(Chain.Eth, fork, cancellationToken);
                run.Reorgs++;
                run.RolledBack += storeTip.Height - fork;
                next = Math.Min(options.From ?? long.MaxValue, fork + 1);
                break;
        }

        return (next, next > 0 ? await store.GetBlockHashAsync(Chain.Eth, next - 1, cancellationToken) : null);
    }

    private static async Task WriteAsync(
        IAccountGraphStore store, List<AccountBlock> batch, RunState run, long target, Stopwatch clock,
        IProgress<EthIngestProgress>? progress, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var result = await store.WriteBlocksAsync(batch, cancellationToken);
        run.Written += result.BlocksWritten;
        run.Skipped += result.BlocksSkipped;
        run.Transactions += result.Transactions;
        if (result.BlocksWritten > 0)
        {
            foreach (var block in batch)
            {
                run.Warnings = run.Warnings.Add(block.Warnings);
                run.Untraced += block.HasTraces ? 0 : 1;
                foreach (var transfer in block.Transfers)
                {
                    run.ByKind[transfer.Kind] = run.ByKind.GetValueOrDefault(transfer.Kind) + 1;
                }
            }
        }

        progress?.Report(new EthIngestProgress(batch[^1].Header.Height, target, run.Written, run.ByKind.Values.Sum(), clock.Elapsed));
    }

    private sealed class RunState
    {
        public long? FromHeight { get; set; }

        public int Written { get; set; }

        public int Skipped { get; set; }

        public long Transactions { get; set; }

        public Dictionary<TransferKind, long> ByKind { get; } = [];

        public NormalizationWarnings Warnings { get; set; } = NormalizationWarnings.None;

        public int Reorgs { get; set; }

        public long RolledBack { get; set; }

        public int Untraced { get; set; }
    }
}
