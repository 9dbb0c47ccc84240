using ChainTrace.Core.Ports;

namespace ChainTrace.Index.Tracing;

/// <summary>Reads the stored Ethereum ledger (transactions with fees, transfers) that account traces replay.</summary>
internal static class EthLedgerBlocks
{
    public static async Task<List<StoredAccountBlock>> ReadAsync(IStoredBlockFeed feed, CancellationToken cancellationToken)
    {
        if (feed is not IStoredAccountFeed ledger)
        {
            throw new InvalidOperationException("the graph store does not expose its Ethereum ledger (IStoredAccountFeed); tracing Ethereum needs it");
        }

        var blocks = new List<StoredAccountBlock>();
        await foreach (var block in ledger.ReadAccountLedgerAsync(0, long.MaxValue, cancellationToken).ConfigureAwait(false))
        {
            blocks.Add(block);
        }

        return blocks;
    }
}
