using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Core.Ports;

/// <summary>
/// Where Bitcoin-like blocks come from (blocks directory, node RPC, Esplora, raw files). A source yields
/// blocks of its best chain in height order.
/// </summary>
public interface IUtxoBlockSource
{
    /// <summary>A short description for progress and errors, e.g. "blocks dir /data/blocks".</summary>
    string Description { get; }

    /// <summary>
    /// True when the source's blocks form one prev-hash chain (blocks dir, RPC, Esplora), so reorgs can be
    /// detected; false for loose blocks (raw files), which are stored independently of each other.
    /// </summary>
    bool IsChain { get; }

    /// <summary>The lowest height the source holds: 0 for a node, the first block of a partial blocks dir.</summary>
    Task<long> GetFirstHeightAsync(CancellationToken cancellationToken);

    /// <summary>Height of the source's best block, null when the source has none.</summary>
    Task<long?> GetTipHeightAsync(CancellationToken cancellationToken);

    /// <summary>Hash of the source's best-chain block at a height; null when it has none there.</summary>
    Task<Hash32?> GetBlockHashAsync(long height, CancellationToken cancellationToken);

    /// <summary>Header of the source's best-chain block at a height (with <c>nBits</c>, to weigh branches by work); null when it has none there.</summary>
    Task<BlockHeader?> GetHeaderAsync(long height, CancellationToken cancellationToken);

    /// <summary>Blocks from <paramref name="fromHeight"/> up to <paramref name="toHeight"/> (inclusive; null = tip), in height order.</summary>
    IAsyncEnumerable<UtxoBlock> ReadBlocksAsync(long fromHeight, long? toHeight, CancellationToken cancellationToken);
}
