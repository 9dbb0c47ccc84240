using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Index.Utxo;

/// <summary>
/// Keeps the read model equal to the store: cuts it back to the highest block the store still holds with the same
/// hash (after a reorg or a rollback of the store; <see cref="Storage.StoreAlignment"/>), then appends the stored blocks
/// above, in batches.
/// </summary>
public static class UtxoIndexUpdater
{
    private const int BatchTransactions = 50_000;

    /// <returns>Blocks appended and blocks cut back.</returns>
    public static async Task<(int Appended, int CutBack)> UpdateAsync(
        UtxoIndex index, IStoredBlockFeed feed, IChainProgressStore progress, CancellationToken cancellationToken, IProgress<Clustering.ClusterProgress>? report = null)
    {
        var clock = System.Diagnostics.Stopwatch.StartNew();
        ArgumentNullException.ThrowIfNull(index);
        ArgumentNullException.ThrowIfNull(feed);
        ArgumentNullException.ThrowIfNull(progress);
        var before = index.BlockCount;
        var keep = await Storage.StoreAlignment.CommonBlocksAsync(
            index.BlockCount, b => (index.Block(b).Height, index.Block(b).BlockHash), Chain.Btc, progress, cancellationToken).ConfigureAwait(false);
        index.CutBack(keep);
        var cut = before - keep;
        var from = index.Tip is { } tip ? tip.Height + 1 : 0;
        var batch = new List<UtxoBlock>();
        long transactions = 0;
        var appended = 0;
        await foreach (var block in feed.ReadUtxoBlocksAsync(from, cancellationToken).ConfigureAwait(false))
        {
            batch.Add(block);
            transactions += block.Transactions.Count;
            if (transactions >= BatchTransactions)
            {
                index.Append(batch, commit: false);
                appended += batch.Count;
                report?.Report(new Clustering.ClusterProgress(batch[^1].Header.Height, index.TxCount, 0, clock.Elapsed, "read model"));
                batch.Clear();
                transactions = 0;
            }
        }

        index.Append(batch, commit: false);
        index.Commit();
        appended += batch.Count;
        return (appended, cut);
    }
}
