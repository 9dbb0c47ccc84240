using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;

namespace ChainTrace.Core.Ingest;

/// <summary>
/// Compares a chain source with the stored chain before anything is written or removed. Absence of data is never
/// evidence of a reorg: a source that ends below the stored tip, starts above it or holds no block the store holds
/// is <see cref="AlignmentKind.Disjoint"/>, and only two different hashes at one height both hold make a fork.
/// A fork whose common block lies below what the source holds (or deeper than the limit) is a conflict: the
/// source cannot show that it continues the stored chain, so nothing is rolled back.
/// </summary>
public static class ChainAlignment
{
    public static async Task<Alignment> AlignAsync(
        IChainProgressStore store,
        Chain chain,
        string sourceDescription,
        long sourceFirst,
        long sourceTip,
        Func<long, CancellationToken, Task<Hash32?>> sourceHashAt,
        int maxDepth,
        CancellationToken cancellationToken,
        Func<long, Exception>? tooDeep = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(sourceHashAt);
        if (await store.GetTipAsync(chain, cancellationToken).ConfigureAwait(false) is not { } tip)
        {
            return new Alignment(AlignmentKind.EmptyStore, null);
        }

        var anchor = await store.GetHighestAtOrBelowAsync(chain, Math.Min(tip.Height, sourceTip), cancellationToken).ConfigureAwait(false);
        if (anchor is null || anchor.Height < sourceFirst)
        {
            return new Alignment(AlignmentKind.Disjoint, anchor);
        }

        var sourceHash = await sourceHashAt(anchor.Height, cancellationToken).ConfigureAwait(false);
        if (sourceHash == anchor.Hash)
        {
            return new Alignment(AlignmentKind.Agrees, anchor);
        }

        if (sourceHash is null)
        {
            throw new IngestConflictException(
                $"{sourceDescription} reports its chain from {sourceFirst} to {sourceTip} but has no block at {anchor.Height}, which the store holds: the source is inconsistent; nothing was changed");
        }

        for (var height = anchor.Height - 1; ; height--)
        {
            var depth = anchor.Height - height;
            if (depth > maxDepth)
            {
                throw tooDeep?.Invoke(anchor.Height) ?? new IngestConflictException(
                    $"{sourceDescription} disagrees with the stored {chain.ToCode()} chain at every height from {anchor.Height} down to {height + 1} (more than {maxDepth} blocks): " +
                    "refusing to roll back; is it the same network and chain? nothing was changed");
            }

            var stored = height < 0 ? null : await store.GetBlockHashAsync(chain, height, cancellationToken).ConfigureAwait(false);
            if (height < sourceFirst || stored is null)
            {
                throw new IngestConflictException(
                    $"{sourceDescription} holds block {sourceHash} at height {anchor.Height}, where the store holds {anchor.Hash}, and shares no block with the store below it " +
                    $"(it {(height < sourceFirst ? $"starts at {sourceFirst}" : $"has no stored block at {height} to compare")}): a branch that does not connect to the stored chain is not a reorg; nothing was changed");
            }

            if (await sourceHashAt(height, cancellationToken).ConfigureAwait(false) == stored)
            {
                return new Alignment(AlignmentKind.Forked, anchor, height);
            }
        }
    }
}
