using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using static ChainTrace.Storage.Sqlite.Tests.TestBlocks;

namespace ChainTrace.Storage.Sqlite.Tests;

public sealed class RollbackTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Rollback_RemovesExactlyTheBlocksAbove_SameAsAStoreThatNeverHadThem()
    {
        await using var rolledBack = await StoreFixture.CreateAsync();
        await using var reference = await StoreFixture.CreateAsync();
        var chain = BlockAcceptanceTests.SpendingChain();
        await rolledBack.WriteAsync(chain, None);
        await reference.WriteAsync(chain.Take(2).ToList(), None);

        await rolledBack.Store.RollbackToAsync(Chain.Btc, 1, None);

        Assert.Equal(await reference.Store.ComputeDigestAsync(None), await rolledBack.Store.ComputeDigestAsync(None));
        Assert.Equal(BlockAcceptanceTests.Counts(reference), BlockAcceptanceTests.Counts(rolledBack));
        Assert.Null(await rolledBack.Store.GetTransactionAsync(Hash("t2"), None));
        var t1 = await rolledBack.Store.GetTransactionAsync(Hash("t1"), None);
        Assert.Null(t1!.Outputs[0].SpentBy);
        Assert.Equal(new BlockRef(1, Hash("block1")), await rolledBack.Store.GetTipAsync(Chain.Btc, None));
    }

    [Fact]
    public async Task Rollback_ThenAReplacementBlock_IsAcceptedAndResolvesAgainstWhatRemains()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        await fixture.WriteAsync(BlockAcceptanceTests.SpendingChain(), None);
        await fixture.Store.RollbackToAsync(Chain.Btc, 1, None);

        var replacement = Block(2, "fork2", Hash("block1"), Network.Main,
            Coinbase("fork-cb2", Pay(0, P2pkh("miner"), 50_0000_0000)),
            Tx("fork-t2", [Spend(0, Hash("t1"), 1), Spend(1, Hash("t2"), 0)], Pay(0, P2pkh("dave"), 1)));
        var result = await fixture.WriteAsync([replacement], None);

        // t1:1 is still stored; t2 was rolled back, so its output must not resolve from a stale cache.
        Assert.Equal(1, result.InputsResolvedFromStore);
        var view = await fixture.Store.GetTransactionAsync(Hash("fork-t2"), None);
        Assert.Equal(29_0000_0000, view!.Inputs[0].Value);
        Assert.Null(view.Inputs[1].Value);
    }

    [Fact]
    public async Task Rollback_BelowEverything_EmptiesTheChain()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        await fixture.WriteAsync(BlockAcceptanceTests.SpendingChain(), None);

        await fixture.Store.RollbackToAsync(Chain.Btc, -1, None);

        Assert.All(BlockAcceptanceTests.Counts(fixture), count => Assert.Equal(0, count));
        Assert.Null(await fixture.Store.GetTipAsync(Chain.Btc, None));
    }
}
