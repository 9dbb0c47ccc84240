using ChainTrace.Core.Account;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Queries;

namespace ChainTrace.Core.Ports;

/// <summary>
/// The graph store for account chains: <c>Address -TRANSFER{asset,value,tx,position}-> Address</c>.
/// </summary>
public interface IAccountGraphStore : IChainProgressStore
{
    /// <summary>
    /// Writes blocks in order. Each block is all-or-nothing together with its progress marker; a block already
    /// stored at its height with the same hash is skipped. A block at a height that holds a different hash, or
    /// whose parent is not the stored block below it, is refused with <see cref="IngestConflictException"/>:
    /// the caller rolls back first.
    /// </summary>
    Task<WriteResult> WriteBlocksAsync(IReadOnlyList<AccountBlock> blocks, CancellationToken cancellationToken);

    Task<AccountTransactionView?> GetTransactionAsync(Hash32 txHash, CancellationToken cancellationToken);

    /// <summary>Stored blocks written without traces: their internal transfers are not in the store.</summary>
    Task<long> CountBlocksWithoutTracesAsync(CancellationToken cancellationToken);

    /// <summary>Received, sent and balance per asset (native ETH and each token); null when the address never moved value.</summary>
    Task<AddressSummary?> GetAddressSummaryAsync(EthAddress address, CancellationToken cancellationToken);

    /// <summary>
    /// Counterparties per asset, a page of at most <paramref name="limit"/> at a time from <paramref name="after"/>
    /// (null: the start): Out = addresses this one sent to; In = addresses that sent to it (each transfer's value).
    /// </summary>
    Task<NeighbourPage> GetNeighboursAsync(EthAddress address, FlowDirection direction, int limit, NeighbourCursor? after, CancellationToken cancellationToken);
}
