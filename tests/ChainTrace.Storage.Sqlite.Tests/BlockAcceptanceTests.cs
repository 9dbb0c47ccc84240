using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Utxo;
using static ChainTrace.Storage.Sqlite.Tests.TestBlocks;

namespace ChainTrace.Storage.Sqlite.Tests;

public sealed class BlockAcceptanceTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task WriteBlocks_SameBlocksAgain_AreSkippedAndChangeNothing()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        var blocks = SpendingChain();
        await fixture.WriteAsync(blocks, None);
        var digest = await fixture.Store.ComputeDigestAsync(None);
        var counts = Counts(fixture);

        var again = await fixture.Store.WriteBlocksAsync(fixture.LastWritten, None);

        Assert.Equal(new WriteResult(0, blocks.Count, 0, 0), again);
        Assert.Equal(digest, await fixture.Store.ComputeDigestAsync(None));
        Assert.Equal(counts, Counts(fixture));
    }

    [Fact]
    public async Task WriteBlocks_RefusesADifferentBlockAtAStoredHeight_AndLeavesTheStoreUnchanged()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        await fixture.WriteAsync(CoinbaseChain(2), None);
        var digest = await fixture.Store.ComputeDigestAsync(None);

        var rival = Block(2, "rival2", Hash("block1"), Network.Main, Coinbase("rivalcb", Pay(0, P2pkh("x"), 1)));
        var error = await Assert.ThrowsAsync<ChainTrace.Core.Ports.IngestConflictException>(() => fixture.WriteAsync([rival], None));

        Assert.Contains("already holds block", error.Message, StringComparison.Ordinal);
        Assert.Contains(Hash("block2").ToString(), error.Message, StringComparison.Ordinal);
        Assert.Equal(digest, await fixture.Store.ComputeDigestAsync(None));
    }

    [Fact]
    public async Task WriteBlocks_RefusesABlockWhoseParentIsNotTheStoredBlockBelow_AndLeavesTheStoreUnchanged()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        await fixture.WriteAsync(CoinbaseChain(2), None);
        var digest = await fixture.Store.ComputeDigestAsync(None);

        var orphan = Block(3, "orphan3", Hash("somewhere-else"), Network.Main, Coinbase("orphancb", Pay(0, P2pkh("x"), 1)));
        var error = await Assert.ThrowsAsync<ChainTrace.Core.Ports.IngestConflictException>(() => fixture.WriteAsync([orphan], None));

        Assert.Contains("does not match the stored block", error.Message, StringComparison.Ordinal);
        Assert.Equal(digest, await fixture.Store.ComputeDigestAsync(None));
        Assert.Equal(2, (await fixture.Store.GetTipAsync(Chain.Btc, None))!.Height);
    }

    [Fact]
    public async Task WriteBlocks_AcceptsLooseBlocksWithGaps_WhenTheHeightBelowIsNotStored()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        var loose = new[]
        {
            Block(227835, "raw227835", Hash("parent-a"), Network.Main, Coinbase("cbA", Pay(0, P2pkh("a"), 25_0000_0000))),
            Block(169482, "raw169482", Hash("parent-b"), Network.Main, Coinbase("cbB", Pay(0, P2pkh("b"), 50_0000_0000))),
        };

        var result = await fixture.WriteAsync(loose, None);

        Assert.Equal(2, result.BlocksWritten);
        Assert.Equal(new BlockRef(227835, Hash("raw227835")), await fixture.Store.GetTipAsync(Chain.Btc, None));
        Assert.Equal(Hash("raw169482"), await fixture.Store.GetBlockHashAsync(Chain.Btc, 169482, None));
        Assert.Null(await fixture.Store.GetBlockHashAsync(Chain.Btc, 169483, None));
    }

    [Fact]
    public async Task WriteBlocks_RefusesABlockOfAnotherNetwork_OnceTheFirstBlockFixedIt()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        await fixture.WriteAsync(CoinbaseChain(0), None);
        var digest = await fixture.Store.ComputeDigestAsync(None);

        var testnet = Block(1, "block1", null, Network.Test, Coinbase("tcb", Pay(0, P2pkh("t"), 1)));
        var error = await Assert.ThrowsAsync<ChainTrace.Core.Ports.IngestConflictException>(() => fixture.WriteAsync([testnet], None));

        Assert.Contains("is a test block but this store holds main btc data", error.Message, StringComparison.Ordinal);
        Assert.Equal(Network.Main, await fixture.Store.GetNetworkAsync(Chain.Btc, None));
        Assert.Equal(digest, await fixture.Store.ComputeDigestAsync(None));
    }

    [Fact]
    public async Task WriteBlocks_MalformedBlockAfterAGoodOne_LeavesTheStoreExactlyAsBeforeTheBatch()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        await fixture.WriteAsync(CoinbaseChain(0), None);
        var digest = await fixture.Store.ComputeDigestAsync(None);
        var counts = Counts(fixture);

        var good = Block(1, Coinbase("cb1", Pay(0, P2pkh("m1"), 50_0000_0000)), Tx("phantom", [Spend(0, Hash("cb0"), 0)], Pay(0, P2pkh("p"), 49_0000_0000)));
        var malformed = Block(2, Coinbase("cb2", new UtxoOutput(5, 50_0000_0000, OutputKind.P2PKH, P2pkh("m2").KeyToArray())));
        var error = await Assert.ThrowsAsync<MalformedDataException>(() => fixture.WriteAsync([good, malformed], None));

        Assert.Contains("btc block 2", error.Location, StringComparison.Ordinal);
        Assert.Contains("output 0 has index 5", error.Problem, StringComparison.Ordinal);
        Assert.Equal(digest, await fixture.Store.ComputeDigestAsync(None));
        Assert.Equal(counts, Counts(fixture));
        Assert.Null(await fixture.Store.GetTransactionAsync(Hash("phantom"), None));

        // Outputs of the failed batch must not linger in the store's caches either.
        var other1 = Block(1, Coinbase("other1", Pay(0, P2pkh("m1"), 50_0000_0000)));
        var spendsPhantom = Block(2, Coinbase("cb2b", Pay(0, P2pkh("m2"), 50_0000_0000)), Tx("late", [Spend(0, Hash("phantom"), 0)], Pay(0, P2pkh("q"), 1)));
        var result = await fixture.WriteAsync([other1, spendsPhantom], None);
        Assert.Equal(0, result.InputsResolvedFromStore);
        var late = await fixture.Store.GetTransactionAsync(Hash("late"), None);
        Assert.Null(Assert.Single(late!.Inputs).Value);
    }

    /// <summary>Blocks 0–2 where block 1 spends the block-0 coinbase and block 2 spends an output of block 1.</summary>
    internal static List<UtxoBlock> SpendingChain()
    {
        var cb0 = Coinbase("cb0", Pay(0, P2pkh("alice"), 50_0000_0000));
        var t1 = Tx("t1", [Spend(0, cb0.TxId, 0)], Pay(0, P2pkh("bob"), 20_0000_0000), Pay(1, P2pkh("alice"), 29_0000_0000));
        var t2 = Tx("t2", [Spend(0, t1.TxId, 0)], Pay(0, P2wpkh("carol"), 19_0000_0000));
        return
        [
            Block(0, cb0),
            Block(1, Coinbase("cb1", Pay(0, P2pkh("miner"), 50_0000_0000)), t1),
            Block(2, Coinbase("cb2", Pay(0, P2pkh("miner"), 50_0000_0000)), t2),
        ];
    }

    internal static long[] Counts(StoreFixture fixture) =>
        new[] { "blocks", "utxo_txs", "utxo_txid_index", "utxo_address_txs", "utxo_spends", "chain_networks" }
            .Select(fixture.Count).ToArray();
}
