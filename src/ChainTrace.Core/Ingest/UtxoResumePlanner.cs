using System.Numerics;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Core.Ingest;

/// <summary>
/// Decides where a chain source's run starts, from what the source and the store both hold (see
/// <see cref="ChainAlignment"/>). A fork is followed only when the source's branch above the common block has
/// more accumulated work (from <c>nBits</c>) than the stored one; a branch with less or equal work is reported
/// and left alone, as a node keeps the branch it saw first.
/// </summary>
internal sealed class UtxoResumePlanner(IUtxoGraphStore store, IUtxoBlockSource source, Chain chain)
{
    /// <summary>The height to read from; null when there is nothing to read. May roll the store back (a reorg).</summary>
    public async Task<long?> PlanAsync(UtxoIngestOptions options, IngestRunState state, CancellationToken cancellationToken)
    {
        if (await source.GetTipHeightAsync(cancellationToken).ConfigureAwait(false) is not { } sourceTip)
        {
            state.Notes.Add($"{source.Description} holds no blocks: nothing was read");
            return null;
        }

        var sourceFirst = await source.GetFirstHeightAsync(cancellationToken).ConfigureAwait(false);
        var alignment = await ChainAlignment.AlignAsync(
            store, chain, source.Description, sourceFirst, sourceTip, source.GetBlockHashAsync, options.MaxReorgDepth, cancellationToken).ConfigureAwait(false);
        switch (alignment.Kind)
        {
            case AlignmentKind.EmptyStore:
                return options.From ?? sourceFirst;
            case AlignmentKind.Agrees:
                var anchor = alignment.Anchor!;
                if (anchor.Height == sourceTip && options.From is null && (await store.GetTipAsync(chain, cancellationToken).ConfigureAwait(false))!.Height > sourceTip)
                {
                    state.Notes.Add($"{source.Description} ends at {sourceTip}, below the stored tip; it agrees with the store there and adds nothing");
                }

                return options.From ?? anchor.Height + 1;
            case AlignmentKind.Disjoint:
                var start = options.From ?? sourceFirst;
                if (options.From is null && alignment.Anchor is { } below && below.Height + 1 < start)
                {
                    throw new IngestConflictException(
                        $"{source.Description} starts at height {sourceFirst}, but the stored {chain.ToCode()} chain ends at {below.Height}: blocks {below.Height + 1}..{start - 1} are missing. " +
                        $"Ingest them first, or pass --from {start} to store a separate segment; nothing was changed");
                }

                return start;
            default:
                return await FollowForkAsync(alignment.ForkHeight, sourceTip, options, state, cancellationToken).ConfigureAwait(false);
        }
    }

    private async Task<long?> FollowForkAsync(long fork, long sourceTip, UtxoIngestOptions options, IngestRunState state, CancellationToken cancellationToken)
    {
        var stored = new List<BlockHeader>();
        foreach (var header in await store.GetHeadersAboveAsync(chain, fork, options.MaxReorgDepth + 1, cancellationToken).ConfigureAwait(false))
        {
            if (header.Height != fork + 1 + stored.Count)
            {
                break; // a gap: the blocks above it are loose blocks, not this branch
            }

            stored.Add(header);
        }

        var storedWork = Work(stored.Select(h => h.Bits), out var storedKnown);
        BigInteger sourceWork = 0;
        var sourceBlocks = 0;
        var sourceKnown = true;
        for (var height = fork + 1; height <= sourceTip && !Exceeds(); height++)
        {
            var header = await source.GetHeaderAsync(height, cancellationToken).ConfigureAwait(false);
            if (header is null)
            {
                break;
            }

            sourceBlocks++;
            sourceKnown &= header.Bits is not null;
            sourceWork += header.Bits is { } bits ? ChainWork.Of(bits) : 0;
        }

        if (!Exceeds())
        {
            state.Notes.Add(
                $"{source.Description} forks from the stored chain after height {fork} with a branch of {sourceBlocks} blocks that does not have more work than the stored {stored.Count}: kept the stored chain");
            return null;
        }

        // Only the replaced branch goes: loose blocks stored above it (raw files) belong to no branch and stay.
        var through = await BranchEndAsync(fork + stored.Count, stored.Count > options.MaxReorgDepth, cancellationToken).ConfigureAwait(false);
        await store.RemoveBlocksAsync(chain, fork, through, cancellationToken).ConfigureAwait(false);
        state.Reorgs++;
        state.RolledBack += through - fork;
        return Math.Min(options.From ?? long.MaxValue, fork + 1);

        // Without nBits on both sides (a store written before they were kept) the branches are weighed by length.
        bool Exceeds() => storedKnown && sourceKnown ? sourceWork > storedWork : sourceBlocks > stored.Count;
    }

    /// <summary>The top of the stored branch that reaches <paramref name="weighed"/>: the branch goes on while heights follow without a gap.</summary>
    private async Task<long> BranchEndAsync(long weighed, bool mayGoOn, CancellationToken cancellationToken)
    {
        const int Page = 1000;
        var end = weighed;
        while (mayGoOn)
        {
            var headers = await store.GetHeadersAboveAsync(chain, end, Page, cancellationToken).ConfigureAwait(false);
            foreach (var header in headers)
            {
                if (header.Height != end + 1)
                {
                    return end;
                }

                end++;
            }

            mayGoOn = headers.Count == Page;
        }

        return end;
    }

    private static BigInteger Work(IEnumerable<uint?> bits, out bool known)
    {
        BigInteger total = 0;
        known = true;
        foreach (var b in bits)
        {
            known &= b is not null;
            total += b is { } value ? ChainWork.Of(value) : 0;
        }

        return total;
    }
}
