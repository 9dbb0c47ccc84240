using System.Numerics;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Primitives;
using ChainTrace.Ethereum.Ingest;
using ChainTrace.Ethereum.Rpc;
using ChainTrace.Storage.Sqlite;
using ChainTrace.TestSupport;
using ChainTrace.TestSupport.Ethereum;

namespace ChainTrace.Ethereum.Tests.Anvil;

[Trait("Category", "Integration")]
public class AnvilReorgTests
{
    private static readonly BigInteger Eth = AnvilScenario.Eth;
    private static CancellationToken Ct => CancellationToken.None;

    private static async Task<EthIngestSummary> IngestAsync(AnvilNode node, SqliteGraphStore store, int finalityDepth = 64)
    {
        using var source = new EthRpcBlockSource(new EthRpcOptions { Endpoint = node.Endpoint, Network = Network.Regtest });
        return await new EthIngestor().RunAsync(source, store, new EthIngestOptions { FinalityDepth = finalityDepth }, null, Ct);
    }

    /// <summary>Blocks 1–3 with payments to Bob, Carol, Dave; returns the snapshot taken after block 1.</summary>
    private static async Task<(string Snapshot, IReadOnlyList<string> Accounts)> BuildAsync(AnvilNode node)
    {
        var a = await node.AccountsAsync(Ct);
        await node.SetAutomineAsync(false, Ct);
        await node.SendAsync(a[0], a[1], Eth, "0x", Ct);
        await node.MineAsync(Ct);
        var snapshot = (await node.CallAsync("evm_snapshot", Ct)).GetString()!;
        await node.SendAsync(a[0], a[2], Eth, "0x", Ct);
        await node.MineAsync(Ct);
        await node.SendAsync(a[0], a[3], Eth, "0x", Ct);
        await node.MineAsync(Ct);
        return (snapshot, a);
    }

    [Fact]
    public async Task Reorg_RollsBackToTheForkPoint_AndIngestsTheNewBranch()
    {
        await using var node = await AnvilNode.StartAsync(Ct);
        using var dir = new TempDir("reorg");
        await using var store = await SqliteGraphStore.OpenAsync(dir.File("graph.db"), Ct);
        var (snapshot, a) = await BuildAsync(node);
        await IngestAsync(node, store);
        var carol = EthAddress.Parse(a[2]);
        Assert.NotNull(await store.GetAddressSummaryAsync(carol, Ct));

        // Replace blocks 2 and 3 with a longer branch that pays a fifth account instead.
        Assert.True((await node.CallAsync("evm_revert", Ct, snapshot)).GetBoolean());
        await node.SendAsync(a[0], a[4], 5 * Eth, "0x", Ct);
        await node.MineAsync(Ct);
        await node.MineAsync(Ct);
        await node.MineAsync(Ct);
        var summary = await IngestAsync(node, store);

        Assert.Equal(1, summary.Reorgs);
        Assert.Equal(2, summary.BlocksRolledBack);
        Assert.Equal(3, summary.BlocksWritten);
        Assert.Null(await store.GetAddressSummaryAsync(carol, Ct));
        Assert.Null(await store.GetAddressSummaryAsync(EthAddress.Parse(a[3]), Ct));
        var erin = await store.GetAddressSummaryAsync(EthAddress.Parse(a[4]), Ct);
        Assert.Equal(UInt256.FromBigInteger(5 * Eth), erin!.Totals.Single().Received);
        var tip = await store.GetTipAsync(Chain.Eth, Ct);
        Assert.Equal(4, tip!.Height);
        Assert.Equal(Hash32.Parse(await node.BlockHashAsync(4, Ct)), tip.Hash);
    }

    [Fact]
    public async Task ReorgDeeperThanTheFinalityDepth_StopsWithoutTouchingTheStore()
    {
        await using var node = await AnvilNode.StartAsync(Ct);
        using var dir = new TempDir("reorg");
        await using var store = await SqliteGraphStore.OpenAsync(dir.File("graph.db"), Ct);
        var (snapshot, a) = await BuildAsync(node);
        await IngestAsync(node, store);
        await node.CallAsync("evm_revert", Ct, snapshot);
        await node.SendAsync(a[0], a[4], Eth, "0x", Ct);
        await node.MineAsync(Ct);
        await node.MineAsync(Ct);
        await node.MineAsync(Ct);

        await Assert.ThrowsAsync<ReorgTooDeepException>(() => IngestAsync(node, store, finalityDepth: 1));

        Assert.Equal(3, (await store.GetTipAsync(Chain.Eth, Ct))!.Height);
        Assert.NotNull(await store.GetAddressSummaryAsync(EthAddress.Parse(a[2]), Ct));
    }
}
