using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Queries;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Core.Ports;

/// <summary>
/// The graph store for UTXO chains: <c>Address -SPENT{value}-> Tx -PAID{value}-> Address</c>. Operations are
/// domain operations in batches so a graph database can implement them without SQL leaking through.
/// </summary>
public interface IUtxoGraphStore : IChainProgressStore, IPrevoutLookup
{
    /// <summary>
    /// Writes blocks in order. Each block is all-or-nothing together with its progress marker; a block already
    /// stored at its height with the same hash is skipped (writing it again changes nothing). Inputs are stored as
    /// given: resolving their values is the stage before (<see cref="Ingest.PrevoutResolver"/> over <see cref="IPrevoutLookup"/>).
    /// A block at a height that holds a different hash, or whose parent is not the block below it, is refused
    /// with <see cref="IngestConflictException"/>: the caller rolls back first.
    /// </summary>
    Task<WriteResult> WriteBlocksAsync(IReadOnlyList<UtxoBlock> blocks, CancellationToken cancellationToken);

    /// <summary>Stored headers above <paramref name="height"/>, lowest first, at most <paramref name="limit"/> (with their <c>nBits</c> where known).</summary>
    Task<IReadOnlyList<BlockHeader>> GetHeadersAboveAsync(Chain chain, long height, int limit, CancellationToken cancellationToken);

    Task<UtxoTransactionView?> GetTransactionAsync(Hash32 txId, CancellationToken cancellationToken);

    Task<AddressSummary?> GetAddressSummaryAsync(BtcAddress address, CancellationToken cancellationToken);

    /// <summary>
    /// Addresses one hop away through transactions, a page of at most <paramref name="limit"/> at a time from
    /// <paramref name="after"/> (null: the start). Out = addresses paid by transactions this address spent into,
    /// each credited with this address's share of what it was paid; In = addresses that spent into transactions
    /// paying this address, each credited with its share of what this address was paid. Shares are by input
    /// value (by input count when a value is unknown), so a transaction's shares add up to what it moved.
    /// </summary>
    Task<NeighbourPage> GetNeighboursAsync(BtcAddress address, FlowDirection direction, int limit, NeighbourCursor? after, CancellationToken cancellationToken);
}
