using System.Diagnostics;
using ChainTrace.Core.Account;
using ChainTrace.Core.Chains;
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
        var clock = Stopwatch.StartNew();
        var run = new RunState();
        var sourceTip = await source.GetTipHeightAsync(cancellationToken)
            ?? throw new InvalidOperationException($"{source.Description} has no blocks");
        var target = Math.Min(options.To ?? long.MaxValue, sourceTip - options.Confirmations);

        var (next, lastHash) = await ResumePointAsync(source, store, options, run, cancellationToken);
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
                (next, lastHash) = await ResumePointAsync(source, store, options, run, cancellationToken);
                if (run.Reorgs == reorgs)
                {
                    throw new MalformedDataException(
                        $"{source.Description} block {orphan.Header.Height}",
                        $"parent hash {orphan.Header.PreviousHash} is not the hash {expectedParent} of block {orphan.Header.Height - 1}, yet the source still reports that block: the source is inconsistent");
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

    /// <summary>The height to read next and the hash its parent must have (null when the store holds nothing below it).</summary>
    private async Task<(long Next, Hash32? ParentHash)> ResumePointAsync(
        IAccountBlockSource source, IAccountGraphStore store, EthIngestOptions options, RunState run, CancellationToken cancellationToken)
    {
        var tip = await store.GetTipAsync(Chain.Eth, cancellationToken);
        if (tip is null)
        {
            return (options.From ?? await source.GetFirstHeightAsync(cancellationToken), null);
        }

        var fork = tip;
        for (var depth = 0; ; depth++)
        {
            if (depth > options.FinalityDepth)
            {
                throw new ReorgTooDeepException(tip.Height, options.FinalityDepth);
            }

            var height = tip.Height - depth;
            if (height < 0)
            {
                fork = new BlockRef(-1, Hash32.Zero);
                break;
            }

            var stored = await store.GetBlockHashAsync(Chain.Eth, height, cancellationToken);
            if (stored is null)
            {
                // A gap in the store (ingest started at --from): nothing below to compare with.
                fork = new BlockRef(height, Hash32.Zero);
                break;
            }

            if (await source.GetBlockHashAsync(height, cancellationToken) == stored)
            {
                fork = new BlockRef(height, stored.Value);
                break;
            }
        }

        if (fork.Height < tip.Height)
        {
            EthIngestLog.Reorg(_logger, source.Description, tip.Height, fork.Height);
            await store.RollbackToAsync(Chain.Eth, fork.Height, cancellationToken);
            run.Reorgs++;
            run.RolledBack += tip.Height - fork.Height;
        }

        var next = Math.Max(fork.Height + 1, options.From ?? 0);
        return next == fork.Height + 1 && fork.Height >= 0 && !fork.Hash.IsZero ? (next, fork.Hash) : (next, null);
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
