using System.Diagnostics;
using System.Threading.Channels;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Core.Ingest;

/// <summary>
/// Moves blocks from a source into the graph store: resumes where the source and the store last agree, follows
/// a reorg only when the source shows a branch with more work (<see cref="UtxoResumePlanner"/>), and writes in
/// batches. A source that lacks blocks the store holds deletes nothing. The source is read on its own task so
/// that parsing and writing overlap; a failure of the source discards the batch not yet written, so the store
/// only ever holds whole blocks. Each batch passes the prevout resolution stage (<see cref="PrevoutResolver"/>)
/// on its way to the store.
/// </summary>
public sealed class UtxoIngestor(IUtxoGraphStore store, IUtxoBlockSource source, Chain chain = Chain.Btc)
{
    private readonly PrevoutResolver _resolver = new(store);

    public async Task<IngestSummary> RunAsync(UtxoIngestOptions options, IProgress<IngestProgress>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var state = new IngestRunState();
        var planner = new UtxoResumePlanner(store, source, chain);

        // Loose blocks (raw files) are what the user handed over, whatever the stored tip: read them all.
        var next = source.IsChain ? await planner.PlanAsync(options, state, cancellationToken) : options.From ?? 0;
        while (next is { } from)
        {
            var mismatch = await RunPassAsync(from, options, state, progress, clock, cancellationToken);
            if (mismatch is null)
            {
                break;
            }

            // A block whose parent is not the stored block below it: the source's chain changed while it was read.
            // Judge it like at the start; if the source still agrees with the store, it contradicts itself.
            var reorgs = state.Reorgs;
            next = await planner.PlanAsync(options with { From = null }, state, cancellationToken);
            if (state.Reorgs != reorgs)
            {
                _resolver.Forget();
            }

            if (state.Reorgs == reorgs && next is not null)
            {
                throw new IngestConflictException(
                    $"{source.Description} block {mismatch.Value.Height} {mismatch.Value.Hash} has parent {mismatch.Value.Parent}, which is not the stored block at height {mismatch.Value.Height - 1}, " +
                    "and the source shows no branch with more work that would replace it: nothing of that block was written");
            }
        }

        var finalTip = await store.GetTipAsync(chain, cancellationToken);
        var totals = state.Totals;
        return new IngestSummary(
            totals.BlocksWritten, totals.BlocksSkipped, totals.Transactions, totals.InputsResolvedFromStore,
            state.Reorgs, state.RolledBack, finalTip, clock.Elapsed, state.Notes);
    }

    /// <summary>Reads from <paramref name="from"/> on; returns a block whose parent is not the stored block below it, or null when done.</summary>
    private async Task<(long Height, Hash32 Hash, Hash32 Parent)?> RunPassAsync(
        long from, UtxoIngestOptions options, IngestRunState state, IProgress<IngestProgress>? progress, Stopwatch clock, CancellationToken cancellationToken)
    {
        using var passCts = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        var channel = Channel.CreateBounded<UtxoBlock>(new BoundedChannelOptions(options.ReadAhead) { SingleReader = true, SingleWriter = true });
        var producer = Task.Run(() => ProduceAsync(channel.Writer, from, options.To, passCts.Token), CancellationToken.None);

        var lastHeight = from - 1;
        var lastHash = from > 0 ? await store.GetBlockHashAsync(chain, from - 1, cancellationToken) : null;
        var batch = new List<UtxoBlock>();
        long batchTransactions = 0;
        (long Height, Hash32 Hash, Hash32 Parent)? mismatch = null;
        try
        {
            await foreach (var block in channel.Reader.ReadAllAsync(cancellationToken))
            {
                var header = block.Header;
                if (source.IsChain && lastHash is { } expectedParent && header.Height == lastHeight + 1 && header.PreviousHash != expectedParent)
                {
                    mismatch = (header.Height, header.Hash, header.PreviousHash);
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

            // Blocks read before the mismatch extend the stored chain: keep them.
            await FlushAsync(batch, state, progress, clock, cancellationToken);
        }
        finally
        {
            await passCts.CancelAsync();
            await ObserveProducerAsync(producer, mismatch is not null);
        }

        return mismatch;
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

    private async Task FlushAsync(List<UtxoBlock> batch, IngestRunState state, IProgress<IngestProgress>? progress, Stopwatch clock, CancellationToken cancellationToken)
    {
        if (batch.Count == 0)
        {
            return;
        }

        var resolution = await _resolver.ResolveAsync(batch, cancellationToken);
        var result = await store.WriteBlocksAsync(resolution.Blocks, cancellationToken);
        _resolver.Remember(resolution.Blocks);
        state.Totals = state.Totals.Add(result with { InputsResolvedFromStore = result.InputsResolvedFromStore + resolution.Resolved });
        var height = batch[^1].Header.Height;
        batch.Clear();
        progress?.Report(new IngestProgress(height, state.Totals.BlocksWritten + state.Totals.BlocksSkipped, state.Totals.Transactions, clock.Elapsed));
    }
}
