using ChainTrace.Core.Account;
using ChainTrace.Core.Primitives;

namespace ChainTrace.Core.Ports;

/// <summary>
/// Where Ethereum-like blocks come from (node JSON-RPC, blockchain-etl exports), already normalized into
/// transfers. A source yields blocks of its best chain in height order.
/// </summary>
public interface IAccountBlockSource
{
    /// <summary>A short description for progress and errors, e.g. "rpc http://127.0.0.1:8545".</summary>
    string Description { get; }

    /// <summary>The lowest height the source holds: 0 for a node, the first exported block for an export.</summary>
    Task<long> GetFirstHeightAsync(CancellationToken cancellationToken);

    /// <summary>Height of the source's best block, null when the source has none.</summary>
    Task<long?> GetTipHeightAsync(CancellationToken cancellationToken);

    /// <summary>Hash of the source's best-chain block at a height; null when it has none there.</summary>
    Task<Hash32?> GetBlockHashAsync(long height, CancellationToken cancellationToken);

    /// <summary>Blocks from <paramref name="fromHeight"/> to <paramref name="toHeight"/> inclusive, in height order.</summary>
    IAsyncEnumerable<AccountBlock> ReadBlocksAsync(long fromHeight, long toHeight, CancellationToken cancellationToken);
}
