using ChainTrace.Core.Chains;
using ChainTrace.Core.Primitives;

namespace ChainTrace.Core.Ports;

/// <summary>
/// Per-chain progress: the stored block headers are the progress marker, written in the same transaction as
/// each block's data, so the stored hashes always match what the store holds.
/// </summary>
public interface IChainProgressStore
{
    /// <summary>The highest stored block of the chain, null when the chain has none.</summary>
    Task<BlockRef?> GetTipAsync(Chain chain, CancellationToken cancellationToken);

    Task<Hash32?> GetBlockHashAsync(Chain chain, long height, CancellationToken cancellationToken);

    /// <summary>The highest stored block at or below <paramref name="height"/>, null when there is none (loose blocks leave gaps).</summary>
    Task<BlockRef?> GetHighestAtOrBelowAsync(Chain chain, long height, CancellationToken cancellationToken);

    /// <summary>Removes every block above <paramref name="height"/> and everything written with it, atomically.</summary>
    Task RollbackToAsync(Chain chain, long height, CancellationToken cancellationToken);

    /// <summary>
    /// Removes the blocks above <paramref name="height"/> up to <paramref name="through"/> (inclusive) and everything
    /// written with them, atomically: a branch replaced by a reorg, leaving loose blocks stored above it.
    /// </summary>
    Task RemoveBlocksAsync(Chain chain, long height, long through, CancellationToken cancellationToken);

    /// <summary>The network the store holds for the chain (fixed by the first block written), null when empty.</summary>
    Task<Network?> GetNetworkAsync(Chain chain, CancellationToken cancellationToken);
}
