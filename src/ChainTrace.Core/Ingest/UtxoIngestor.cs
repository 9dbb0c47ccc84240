using System.Diagnostics;
using System.Threading.Channels;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Core.Ingest;

/// <summary>
/// Moves blocks from a source into the graph store: resumes from the stored tip, follows reorgs by rolling
/// back to the fork point, and writes in batches. The source is read on its own task so that parsing and
/// writing overlap; a failure of the source discards the batch not yet written, so the store only ever holds
/// whole blocks.
/// </summary>
public sealed class UtxoIngestor(IUtxoGraphStore store, IUtxoBlockSource source, Chain chain = Chain.Btc)
{
    public async Task<IngestSummary> RunAsync(UtxoIngestOptions options, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        var clock = Stopwatch.StartNew();
        var state = new RunState();
        // Loose blocks (raw files) are what the user handed over, whatever the stored tip: read them all.
        var next = options.From ?? (source.IsChain ? (await store.GetTipAsync(chain, cancellationToken))?.Height + 1 ?? 0 : 0);

        if (source.IsChain && options.From is null && next > 0)
        {
            // The source may have reorganised since the last run: the stored tip must still be on its chain.
            var tip = (await store.GetTipAsync(chain, cancellationToken))!;
            if (await source.GetBlockHashAsync(tip.Height, cancellationToken) != tip.Hash)
            {
                next = await RollBackToForkAsync(tip.Height, options, state, cancellationToken) + 1;
            }
        }

        while (true)
        {
            var reorgAt = await RunPassAsync(next, options, state, progress, clock, cancellationToken);
            if (reorgAt is null)
            {
                break;
            }

            next = await RollBackToForkAsync(reorgAt.Value - 1, options, state, cancellationToken) + 1;
        }

        var finalTip = await store.GetTipAsync(chain, cancellationToken);
        var totals = state.Totals;
        return new IngestSummary(
            totals.BlocksWritten, totals.BlocksSkipped, totals.Transactions, totals.InputsResolvedFromStore,
            state.Reorgs, state.RolledBack, finalTip, clock.Elapsed);
    }

    /// <summary>Reads from <paramref name="from"/> on; returns the height of a block whose parent is not ours (a reorg), or null when done.</summary>
    private async Task<long?> RunPassAsync(
        long from, UtxoIngestOptions options, RunState state, IProgress<IngestProgress>? progress, Stopwatch clock, CancellationToken cancellationToken)
    {
        using var passCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<UtxoBlock>(new BoundedChannelOptions(options.ReadAhead) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(() => ProduceAsync(channel.Writer, from, options.To, passCts.Token), CancellationToken.None);

        var lastHeight = from - 1;
        var lastHash = from > 0 ? await store.GetBlockHashAsync(chain, from - 1, cancellationToken) : null;
        var batch = new List<UtxoBlock>();
        long batchTransactions = 0;
        long? reorgAt = null;
        try
        {
            await foreach (var block in channel.Reader.ReadAllAsync(cancellationToken))
            {
                var header = block.Header;
                if (source.IsChain && lastHash is { } expectedParent && header.Height == lastHeight + 1 && header.PreviousHash != expectedParent)
                {
                    reorgAt = header.Height;
                    break;
                }

                batch.Add(block);
                batchTransactions += block.Transactions.Count;
                lastHeight = header.Height;
                lastHash = header.Hash;
                if (batchTransactions >= options.BatchTransactions || batch.Count >= options.BatchBlocks)
                {
                    await FlushAsync(batch, state, progress, clock, cancellationToken);
                    batchTransactions = 0;
                }
            }

            // Blocks read before a reorg was seen are on the old branch's common part: keep them.
            await FlushAsync(batch, state, progress, clock, cancellationToken);
        }
        finally
        {
            await passCts.CancelAsync();
            await ObserveProducerAsync(producer, reorgAt is not null);
        }

        return reorgAt;
    }

    private async Task ProduceAsync(ChannelWriter<UtxoBlock> writer, long from, long? to, CancellationToken cancellationToken)
    {
        try
        {
            await foreach (var block in source.ReadBlocksAsync(from, to, cancellationToken))
            {
                await writer.WriteAsync(block, cancellationToken);
            }

            writer.Complete();
        }
        catch (Exception ex)
        {
            writer.Complete(ex);
        }
    }

    private static async Task ObserveProducerAsync(Task producer, bool stoppedEarly)
    {
        try
        {
            await producer;
        }
        catch (OperationCanceledException) when (stoppedEarly)
        {
        }
    }

    private async Task FlushAsync(List<UtxoBlock> batch, RunState state, IProgress<IngestProgress>? progress, Stopwatch clock, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var result = await store.WriteBlocksAsync(batch, cancellationToken);
        state.Totals = state.Totals.Add(result);
        var height = batch[^1].Header.Height;
        batch.Clear();
        progress?.Report(new IngestProgress(height, state.Totals.BlocksWritten + state.Totals.BlocksSkipped, state.Totals.Transactions, clock.Elapsed));
    }

    /// <summary>Walks down from <paramref name="height"/> to the highest block the store and the source agree on, and rolls back to it.</summary>
    private async Task<long> RollBackToForkAsync(long height, UtxoIngestOptions options, RunState state, CancellationToken cancellationToken)
    {
        var tip = await store.GetTipAsync(chain, cancellationToken);
        var fork = height;
        while (fork >= 0)
        {
            if (height - fork > options.MaxReorgDepth)
            {
                throw new InvalidOperationException(
                    $"{source.Description} disagrees with the store for more than {options.MaxReorgDepth} blocks below height {height}: refusing to roll back (wrong network or data directory?)");
            }

            Hash32? stored = await store.GetBlockHashAsync(chain, fork, cancellationToken);
            if (stored is null || stored == await source.GetBlockHashAsync(fork, cancellationToken))
            {
                break;
            }

            fork--;
        }

        await store.RollbackToAsync(chain, fork, cancellationToken);
        state.Reorgs++;
        state.RolledBack += Math.Max(0, (tip?.Height ?? fork) - fork);
        return fork;
    }

    private sealed class RunState
    {
        public WriteResult Totals { get; set; } = WriteResult.Empty;

        public int Reorgs { get; set; }

        public long RolledBack { get; set; }
    }
}
