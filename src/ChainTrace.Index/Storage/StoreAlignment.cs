using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;

namespace ChainTrace.Index.Storage;

/// <summary>How many of a read model's blocks the store still holds unchanged (the rest is cut back before appending).</summary>
public static class StoreAlignment
{
    /// <summary>
    /// Compares the top block and the blocks 1, 2, 4, 8, … below it with the store (about log2 of the blocks in
    /// queries), since the top alone can hide a reorg: a loose block the store kept above a rolled-back range matches
    /// while the blocks under it changed. From the lowest block found changed, goes down to the first unchanged one.
    /// </summary>
    /// <param name="block">Height and hash of the read model's block at an index.</param>
    public static async Task<int> CommonBlocksAsync(
        int count, Func<int, (long Height, Hash32 Hash)> block, Chain chain, IChainProgressStore progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(block);
        ArgumentNullException.ThrowIfNull(progress);
        var tip = await progress.GetTipAsync(chain, cancellationToken).ConfigureAwait(false);
        if (tip is null)
        {
            return 0;
        }

        async Task<bool> Unchanged(int b)
        {
            var (height, hash) = block(b);
            return height <= tip.Height && await progress.GetBlockHashAsync(chain, height, cancellationToken).ConfigureAwait(false) == hash;
        }

        var keep = count;
        for (long depth = 0; depth < count; depth = depth == 0 ? 1 : depth * 2)
        {
            var b = count - 1 - (int)depth;
            if (!await Unchanged(b).ConfigureAwait(false))
            {
                keep = b;
            }
        }

        while (keep > 0 && !await Unchanged(keep - 1).ConfigureAwait(false))
        {
            keep--;
        }

        return keep;
    }
}
