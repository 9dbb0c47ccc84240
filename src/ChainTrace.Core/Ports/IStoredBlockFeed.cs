using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Core.Ports;

/// <summary>
/// Reads back what the graph store holds, block by block in height order: the input of derived stages (the
/// compact read model) that must follow the store, including after its rollbacks.
/// </summary>
public interface IStoredBlockFeed
{
    /// <summary>Stored Bitcoin blocks from <paramref name="fromHeight"/> up, as written (inputs with what was resolved at ingest).</summary>
    IAsyncEnumerable<UtxoBlock> ReadUtxoBlocksAsync(long fromHeight, CancellationToken cancellationToken);

    /// <summary>Stored Ethereum blocks from <paramref name="fromHeight"/> up with their transfers, in stored order.</summary>
    IAsyncEnumerable<StoredTransfers> ReadAccountBlocksAsync(long fromHeight, CancellationToken cancellationToken);

    /// <summary>The txid of the Bitcoin transaction at <paramref name="position"/> in the stored block at <paramref name="height"/>.</summary>
    Task<Hash32?> GetTxIdAtAsync(long height, int position, CancellationToken cancellationToken);

    /// <summary>A reader of the stored Bitcoin address keys by place (<see cref="IUtxoKeyReader"/>), for the read model that keeps none.</summary>
    IUtxoKeyReader OpenUtxoKeyReader();
}
