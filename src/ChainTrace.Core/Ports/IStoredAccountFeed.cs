namespace ChainTrace.Core.Ports;

/// <summary>
/// Reads the stored Ethereum blocks back with their transactions, for tracing: the gas fee of every transaction
/// (also failed ones) moves value as much as a transfer does, and the transfer feed alone does not carry it.
/// </summary>
public interface IStoredAccountFeed
{
    /// <summary>Stored Ethereum blocks from <paramref name="fromHeight"/> to <paramref name="toHeight"/>, transactions by index, transfers in stored order.</summary>
    IAsyncEnumerable<StoredAccountBlock> ReadAccountLedgerAsync(long fromHeight, long toHeight, CancellationToken cancellationToken);
}
