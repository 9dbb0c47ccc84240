using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Index.Utxo;

/// <summary>
/// Keeps the read model equal to the store: cuts it back to the highest block the store still holds with the same
/// hash (after a reorg or a rollback of the store), then appends the stored blocks above, in batches.
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
        var keep = index.BlockCount;
        var storeTip = await progress.GetTipAsync(Chain.Btc, cancellationToken).ConfigureAwait(false);
        while (keep > 0)
        {
            var block = index.Block(keep - 1);
            if (storeTip is not null && block.Height <= storeTip.Height
                && await progress.GetBlockHashAsync(Chain.Btc, block.Height, cancellationToken).ConfigureAwait(false) == block.BlockHash)
            {
                break;
            }

            keep--;
        }

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
                index.Append(batch);
                appended += batch.Count;
                report?.Report(new Clustering.ClusterProgress(batch[^1].Header.Height, index.TxCount, 0, clock.Elapsed, "read model"));
                batch.Clear();
                transactions = 0;
            }
        }

        index.Append(batch);
        appended += batch.Count;
        return (appended, cut);
    }
}
