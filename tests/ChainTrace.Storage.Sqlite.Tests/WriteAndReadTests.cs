using ChainTrace.Core.Chains;
using ChainTrace.Core.Utxo;
using static ChainTrace.Storage.Sqlite.Tests.TestBlocks;

namespace ChainTrace.Storage.Sqlite.Tests;

public sealed class WriteAndReadTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task GetTransaction_ReturnsWhatWasWritten_WithResolvedInputsAndSpentBy()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        var alice = P2pkh("alice");
        var bob = P2wpkh("bob");
        var coinbase = Coinbase("cb0", Pay(0, alice, 50_0000_0000), NoAddress(1, OutputKind.NullData, 0));
        var payment = Tx("pay", [Spend(0, coinbase.TxId, 0)],
            Pay(0, bob, 30_0000_0000), NoAddress(1, OutputKind.Multisig, 1000), NoAddress(2, OutputKind.NonStandard, 2000), Pay(3, alice, 19_9999_0000));
        var blocks = new[] { Block(0, coinbase), Block(1, Coinbase("cb1", Pay(0, bob, 50_0000_0000)), payment) };

        var result = await fixture.WriteAsync(blocks, None);

        Assert.Equal(new Core.Ports.WriteResult(2, 0, 3, 1), result);
        var view = await fixture.Store.GetTransactionAsync(payment.TxId, None);
        Assert.NotNull(view);
        Assert.Equal(1, view.BlockHeight);
        Assert.Equal(Hash("block1"), view.BlockHash);
        Assert.Equal(TimeOf(1), view.BlockTime);
        Assert.Equal(1, view.Position);
        Assert.False(view.IsCoinbase);
        Assert.Equal(payment.Size, view.Size);
        Assert.Equal(payment.VSize, view.VSize);
        Assert.Equal(50_0000_0000 - 30_0000_0000 - 1000 - 2000 - 19_9999_0000, view.Fee);

        var input = Assert.Single(view.Inputs);
        Assert.Equal(new OutPoint(coinbase.TxId, 0), input.PrevOut);
        Assert.Equal(alice, input.Address);
        Assert.Equal(50_0000_0000, input.Value);
        Assert.Equal(PrevoutSource.Store, input.Source);

        Assert.Equal([0, 1, 2, 3], view.Outputs.Select(o => o.Index));
        Assert.Equal([30_0000_0000, 1000, 2000, 19_9999_0000], view.Outputs.Select(o => o.Value));
        Assert.Equal([OutputKind.P2WPKH, OutputKind.Multisig, OutputKind.NonStandard, OutputKind.P2PKH], view.Outputs.Select(o => o.Kind));
        Assert.Equal(bob, view.Outputs[0].Address);
        Assert.Null(view.Outputs[1].Address);
        Assert.Null(view.Outputs[2].Address);
        Assert.Equal(alice, view.Outputs[3].Address);
        Assert.All(view.Outputs, o => Assert.Null(o.SpentBy));
        Assert.Equal("bc1q", view.Outputs[0].Address!.ToString()[..4]);

        var spentCoinbase = await fixture.Store.GetTransactionAsync(coinbase.TxId, None);
        Assert.NotNull(spentCoinbase);
        Assert.True(spentCoinbase.IsCoinbase);
        Assert.Null(spentCoinbase.Fee);
        Assert.Equal(PrevoutSource.Coinbase, Assert.Single(spentCoinbase.Inputs).Source);
        Assert.Equal(new OutPoint(payment.TxId, 0), spentCoinbase.Outputs[0].SpentBy);
        Assert.Null(spentCoinbase.Outputs[1].SpentBy);
        Assert.Null(spentCoinbase.Outputs[1].Address);
    }

    [Fact]
    public async Task Queries_ReturnNullOrEmpty_WhenNothingMatches()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        Assert.Null(await fixture.Store.GetTransactionAsync(Hash("nothing"), None));
        Assert.Null(await fixture.Store.GetTipAsync(Chain.Btc, None));
        Assert.Null(await fixture.Store.GetNetworkAsync(Chain.Btc, None));
        Assert.Null(await fixture.Store.GetBlockHashAsync(Chain.Btc, 0, None));

        await fixture.WriteAsync(TestBlocks.CoinbaseChain(1), None);
        Assert.Null(await fixture.Store.GetTransactionAsync(Hash("nothing"), None));
        Assert.Null(await fixture.Store.GetAddressSummaryAsync(P2pkh("stranger"), None));
        Assert.Empty((await fixture.Store.GetNeighboursAsync(P2pkh("stranger"), Core.Queries.FlowDirection.Out, 10, null, None)).Neighbours);
        Assert.Null(await fixture.Store.GetBlockHashAsync(Chain.Btc, 7, None));
        Assert.Equal(Hash("block1"), await fixture.Store.GetBlockHashAsync(Chain.Btc, 1, None));
    }

    [Fact]
    public async Task Reopen_AfterDispose_KeepsEverything()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        await fixture.WriteAsync(TestBlocks.CoinbaseChain(5), None);
        var digest = await fixture.Store.ComputeDigestAsync(None);
        var tip = await fixture.Store.GetTipAsync(Chain.Btc, None);

        await fixture.ReopenAsync();

        Assert.Equal(digest, await fixture.Store.ComputeDigestAsync(None));
        Assert.Equal(tip, await fixture.Store.GetTipAsync(Chain.Btc, None));
        Assert.Equal(Network.Main, await fixture.Store.GetNetworkAsync(Chain.Btc, None));
        Assert.NotNull(await fixture.Store.GetTransactionAsync(Hash("cb3"), None));
    }
}
