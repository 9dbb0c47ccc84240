using ChainTrace.Core.Chains;
using ChainTrace.Index.Clustering;
using ChainTrace.Index.Service;
using ChainTrace.Storage.Sqlite;
using ChainTrace.TestSupport;

namespace ChainTrace.Index.Tests;

/// <summary>Clusters after a reorg or a rollback are exactly those of a run that never saw the removed blocks.</summary>
public sealed class ClusterRollbackTests : IDisposable
{
    private readonly TempDir _temp = new("cluster-rollback");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Reorg_ClustersEqualThoseOfTheWinningBranchAlone()
    {
        var builder = new RegtestChainBuilder(seed: 5, keyCount: 3000);
        var genesis = RegtestChainBuilder.Genesis;
        var common = builder.Extend(genesis, 1, 30, txPerBlock: 12);
        var branchA = builder.Extend(common[^1], 31, 10, txPerBlock: 12, tag: "a");
        var branchB = builder.Extend(common[^1], 31, 12, txPerBlock: 12, tag: "b");
        RegtestChainBuilder.WriteBlocksDir(_temp.File("a"), [genesis, .. common, .. branchA]);
        RegtestChainBuilder.WriteBlocksDir(_temp.File("ab"), [genesis, .. common, .. branchA, .. branchB]);
        RegtestChainBuilder.WriteBlocksDir(_temp.File("b"), [genesis, .. common, .. branchB]);
        var data = _temp.File("data");
        var fresh = _temp.File("fresh");

        await Cli.RunAsync("ingest", "btc", "--network", "regtest", "--blocks-dir", _temp.File("a"), "--data", data);
        var before = Digest(data);
        var second = await Cli.RunAsync("ingest", "btc", "--network", "regtest", "--blocks-dir", _temp.File("ab"), "--data", data);
        await Cli.RunAsync("ingest", "btc", "--network", "regtest", "--blocks-dir", _temp.File("b"), "--data", fresh);

        Assert.Contains("10 blocks rolled back", second, StringComparison.Ordinal);
        Assert.NotEqual(before, Digest(data));
        Assert.Equal(Digest(fresh), Digest(data));
        Assert.True(LinkCount(fresh) > 20, $"{LinkCount(fresh)} links: the chain has too few co-spends to show anything");
    }

    [Fact]
    public async Task StoreRollback_ThenUpdate_ClustersEqualARunThatStoppedThere_AndRerunningChangesNothing()
    {
        var builder = new RegtestChainBuilder(seed: 9, keyCount: 3000);
        var genesis = RegtestChainBuilder.Genesis;
        var blocks = builder.Extend(genesis, 1, 40, txPerBlock: 12);
        RegtestChainBuilder.WriteBlocksDir(_temp.File("all"), [genesis, .. blocks]);
        RegtestChainBuilder.WriteBlocksDir(_temp.File("first"), [genesis, .. blocks.Take(25)]);
        var data = _temp.File("data");
        var shorter = _temp.File("shorter");
        await Cli.RunAsync("ingest", "btc", "--network", "regtest", "--blocks-dir", _temp.File("all"), "--data", data);
        await Cli.RunAsync("ingest", "btc", "--network", "regtest", "--blocks-dir", _temp.File("first"), "--data", shorter);
        var full = Digest(data);

        await using (var store = await SqliteGraphStore.OpenAsync(Path.Combine(data, "graph.db"), CancellationToken.None))
        {
            await store.RollbackToAsync(Chain.Btc, 25, CancellationToken.None);
        }

        // Until updated, the read model holds transactions the store no longer has: their keys are refused as stale, not guessed.
        using (var behind = await BtcReadModel.OpenAsync(data))
        {
            var last = behind.Index.AddressCount - 1;
            Assert.Throws<Utxo.StaleReadModelException>(() => behind.Index.KeyOf(last));
            Assert.Throws<Utxo.StaleReadModelException>(() => behind.Index.Keys().ToList());
        }

        var update = await Cli.RunAsync("cluster", "update", "--data", data);
        Assert.Contains("15 blocks rolled back", update, StringComparison.Ordinal);
        Assert.Equal(Digest(shorter), Digest(data));
        using (var updated = await BtcReadModel.OpenAsync(data))
        {
            Assert.Equal(updated.Index.AddressCount, updated.Index.Keys().Count());
        }

        await Cli.RunAsync("cluster", "update", "--data", data);
        Assert.Equal(Digest(shorter), Digest(data));

        await Cli.RunAsync("ingest", "btc", "--network", "regtest", "--blocks-dir", _temp.File("all"), "--data", data);
        Assert.Equal(full, Digest(data));
    }

    [Fact]
    public async Task LooseBlockKeptAboveAReplacedRange_DoesNotHideTheChange()
    {
        var builder = new RegtestChainBuilder(seed: 13, keyCount: 3000);
        var genesis = RegtestChainBuilder.Genesis;
        var common = builder.Extend(genesis, 1, 20, txPerBlock: 12);
        var branchA = builder.Extend(common[^1], 21, 10, txPerBlock: 12, tag: "a");
        var branchB = builder.Extend(common[^1], 21, 9, txPerBlock: 12, tag: "b");
        RegtestChainBuilder.WriteBlocksDir(_temp.File("a"), [genesis, .. common, .. branchA]);
        RegtestChainBuilder.WriteBlocksDir(_temp.File("b"), [genesis, .. common, .. branchB]);
        RegtestChainBuilder.WriteBlocksDir(_temp.File("common"), [genesis, .. common]);
        var data = _temp.File("data");
        var fresh = _temp.File("fresh");
        var source = _temp.File("source");
        await Cli.RunAsync("ingest", "btc", "--network", "regtest", "--blocks-dir", _temp.File("a"), "--data", data);
        await Cli.RunAsync("ingest", "btc", "--network", "regtest", "--blocks-dir", _temp.File("b"), "--data", source, "--no-cluster");
        await Cli.RunAsync("ingest", "btc", "--network", "regtest", "--blocks-dir", _temp.File("common"), "--data", fresh, "--no-cluster");
        var loose = await StoredBlocks(data, 30);
        var winning = await StoredBlocks(source, 21);
        Assert.Single(loose);
        Assert.Equal(9, winning.Count);

        // The store keeps block 30 of branch a while 21-29 are replaced by branch b: the read model's top block still
        // matches the store's, but everything under it down to 21 changed.
        await using (var store = await SqliteGraphStore.OpenAsync(Path.Combine(data, "graph.db"), CancellationToken.None))
        {
            await store.RemoveBlocksAsync(Chain.Btc, 20, 29, CancellationToken.None);
            await store.WriteBlocksAsync(winning, CancellationToken.None);
            Assert.Equal(branchA[^1].GetHash().ToString(), (await store.GetBlockHashAsync(Chain.Btc, 30, CancellationToken.None))?.ToString());
        }

        await using (var store = await SqliteGraphStore.OpenAsync(Path.Combine(fresh, "graph.db"), CancellationToken.None))
        {
            await store.WriteBlocksAsync(loose, CancellationToken.None);
            await store.WriteBlocksAsync(winning, CancellationToken.None);
        }

        await Cli.RunAsync("cluster", "update", "--data", data);
        await Cli.RunAsync("cluster", "update", "--data", fresh);

        Assert.Equal(ReadModelDigest(fresh), ReadModelDigest(data));
        Assert.Equal(Digest(fresh), Digest(data));
    }

    private static async Task<List<Core.Utxo.UtxoBlock>> StoredBlocks(string data, long from)
    {
        await using var store = await SqliteGraphStore.OpenAsync(Path.Combine(data, "graph.db"), CancellationToken.None);
        var blocks = new List<Core.Utxo.UtxoBlock>();
        await foreach (var block in store.ReadUtxoBlocksAsync(from, CancellationToken.None))
        {
            blocks.Add(block);
        }

        return blocks;
    }

    private static string ReadModelDigest(string data)
    {
        using var model = BtcReadModel.Open(data);
        return model.Index.Digest();
    }

    private static string Digest(string data)
    {
        using var store = ClusterStore.Open(new ReadModelPaths(data).BtcClusters);
        return store.Digest();
    }

    private static long LinkCount(string data)
    {
        using var store = ClusterStore.Open(new ReadModelPaths(data).BtcClusters);
        return store.LinkCount;
    }
}
