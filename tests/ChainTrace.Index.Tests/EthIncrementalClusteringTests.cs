using System.Runtime.CompilerServices;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Clustering;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Utxo;
using ChainTrace.Index.Account;
using ChainTrace.Index.Clustering;
using ChainTrace.Storage.Sqlite;
using ChainTrace.TestSupport;

namespace ChainTrace.Index.Tests;

/// <summary>
/// The incremental deposit clustering over the simulator's demo Ethereum data, read from the real SQLite store in
/// growing steps (a height-limited view of the store: the ingest of those blocks alone), then after a store rollback
/// and a re-ingest: after every step its clusters, links and digest equal a full run over a read model rebuilt from scratch.
/// </summary>
public sealed class EthIncrementalClusteringTests : IDisposable
{
    private readonly TempDir _temp = new("eth-incremental");
    private int _rebuilds;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Update_InStepsAfterRollbackAndReingest_EqualsAFullRun()
    {
        var sim = await SimulatedData.CreateAsync(_temp, "demo", eth: true);
        var indexDir = _temp.File("index");
        var clusterDir = _temp.File("clusters");
        long tip;
        var replays = 0;
        await using (var store = await SqliteGraphStore.OpenAsync(Path.Combine(sim.Data, "graph.db"), CancellationToken.None))
        {
            tip = (await store.GetTipAsync(Chain.Eth, CancellationToken.None))!.Height;

            // A fifth of the chain, then one block at a time (the demo has ~60 Ethereum blocks): deposits appear, lose
            // their status to a later send, gain customers, and receivers reach three deposits.
            Assert.True(tip > 40, $"tip {tip}: too few blocks to step through");
            var limits = Enumerable.Range((int)(tip / 5), (int)(tip - (tip / 5)) + 1).Select(h => (long)h).ToList();
            foreach (var limit in limits)
            {
                var summary = await StepAsync(new StoreUpTo(store, limit), store, indexDir, clusterDir);
                replays += summary.Stages!.Contains("replayed", StringComparison.Ordinal) ? 1 : 0;
                if (limit == (tip / 5) + 1)
                {
                    // One block's worth of work, not the whole read model.
                    using var index = EthIndex.Open(indexDir);
                    Assert.True(summary.Transactions < index.TransferCount / 10, summary.Stages);
                    Assert.Contains("addresses touched", summary.Stages, StringComparison.Ordinal);
                }
            }

            await store.RollbackToAsync(Chain.Eth, tip / 2, CancellationToken.None);
            await StepAsync(store, store, indexDir, clusterDir);
        }

        await Cli.RunAsync("ingest", "eth", "--etl", Path.Combine(sim.Sim, "eth", "etl"), "--data", sim.Data, "--no-cluster");
        await using (var store = await SqliteGraphStore.OpenAsync(Path.Combine(sim.Data, "graph.db"), CancellationToken.None))
        {
            await StepAsync(store, store, indexDir, clusterDir);

            // Rerunning with nothing new changes nothing and reads nothing.
            var again = await StepAsync(store, store, indexDir, clusterDir);
            Assert.Equal(0, again.Transactions);
        }

        using var final = ClusterStore.Open(clusterDir);
        var heuristics = Enumerable.Range(0, (int)final.LinkCount).Select(i => final.Link(i).Heuristic).ToList();
        Assert.True(heuristics.Count(h => h == LinkHeuristic.EthDeposit) > 20, $"{heuristics.Count} links: too few deposits to show anything");
        Assert.Contains(LinkHeuristic.EthDepositCustomer, heuristics);
        Assert.True(replays >= 3, $"{replays} steps changed the links");
    }

    private async Task<ClusterUpdateSummary> StepAsync(IStoredBlockFeed feed, IChainProgressStore progress, string indexDir, string clusterDir)
    {
        var options = new EthDepositOptions();
        var (index, _) = await EthIndex.UpdateAsync(indexDir, feed, progress, CancellationToken.None);
        using (index)
        {
            ClusterUpdateSummary summary;
            using (var clusters = ClusterStore.Open(clusterDir))
            {
                summary = EthClusterer.Update(index, clusters, options);
            }

            using var rebuilt = await EthIndex.RebuildAsync(_temp.File($"rebuilt-{++_rebuilds}"), feed, CancellationToken.None);
            using var full = ClusterStore.Open(_temp.File($"full-{_rebuilds}"));
            EthClusterer.Rebuild(rebuilt, full, options);

            using var incremental = ClusterStore.Open(clusterDir);
            var step = $"step {_rebuilds} at height {index.Height} ({summary.Stages})";
            Assert.Equal(rebuilt.Height, index.Height);
            Assert.Equal(full.LinkCount, incremental.LinkCount);
            for (long i = 0; i < full.LinkCount; i++)
            {
                Assert.True(full.Link(i) == incremental.Link(i), $"{step}: link {i} is {incremental.Link(i)}, a full run has {full.Link(i)}");
            }

            Assert.Equal(full.Forest.Count, incremental.Forest.Count);
            Assert.Equal(full.State.Transactions, incremental.State.Transactions);
            Assert.Equal(full.State.Height, incremental.State.Height);
            Assert.True(full.Digest() == incremental.Digest(), $"{step}: digests differ");
            return summary;
        }
    }

    /// <summary>The real store as it was when it held blocks up to <paramref name="limit"/> alone (the blocks above not yet ingested).</summary>
    private sealed class StoreUpTo(SqliteGraphStore store, long limit) : IStoredBlockFeed
    {
        public IAsyncEnumerable<UtxoBlock> ReadUtxoBlocksAsync(long fromHeight, CancellationToken cancellationToken) =>
            store.ReadUtxoBlocksAsync(fromHeight, cancellationToken);

        public async IAsyncEnumerable<StoredTransfers> ReadAccountBlocksAsync(long fromHeight, [EnumeratorCancellation] CancellationToken cancellationToken)
        {
            await foreach (var block in store.ReadAccountBlocksAsync(fromHeight, cancellationToken).ConfigureAwait(false))
            {
                if (block.Header.Height > limit)
                {
                    yield break;
                }

                yield return block;
            }
        }

        public Task<Hash32?> GetTxIdAtAsync(long height, int position, CancellationToken cancellationToken) =>
            store.GetTxIdAtAsync(height, position, cancellationToken);

        public IUtxoKeyReader OpenUtxoKeyReader() => store.OpenUtxoKeyReader();
    }
}
