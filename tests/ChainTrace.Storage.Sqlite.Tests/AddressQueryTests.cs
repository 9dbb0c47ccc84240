using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Queries;
using static ChainTrace.Storage.Sqlite.Tests.TestBlocks;

namespace ChainTrace.Storage.Sqlite.Tests;

public sealed class AddressQueryTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Summary_TotalsReceivedAndSent_WithBalance_WhenEverySpendIsKnown()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        await fixture.WriteAsync(BlockAcceptanceTests.SpendingChain(), None);

        var summary = await fixture.Store.GetAddressSummaryAsync(P2pkh("alice"), None);

        Assert.NotNull(summary);
        Assert.Equal(P2pkh("alice"), summary.Address);
        Assert.Equal(new SeenAt(0, TimeOf(0)), summary.FirstSeen);
        Assert.Equal(new SeenAt(1, TimeOf(1)), summary.LastSeen);
        Assert.Equal(2, summary.TxCount);
        var totals = Assert.Single(summary.Totals);
        Assert.Equal(Asset.Btc, totals.Asset);
        Assert.Equal((UInt256)79_0000_0000UL, totals.Received);
        Assert.Equal((UInt256)50_0000_0000UL, totals.Sent);
        Assert.Equal((UInt256)29_0000_0000UL, totals.Balance);
        Assert.Equal(0, totals.UnknownSpends);
    }

    [Fact]
    public async Task Summary_HasNoBalance_WhenASpendValueIsUnknown()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        await fixture.WriteAsync(WithUnknownAliceSpend(), None);

        var summary = await fixture.Store.GetAddressSummaryAsync(P2pkh("alice"), None);

        var totals = Assert.Single(summary!.Totals);
        Assert.Equal((UInt256)79_0000_0000UL, totals.Received);
        Assert.Equal((UInt256)50_0000_0000UL, totals.Sent);
        Assert.Null(totals.Balance);
        Assert.Equal(1, totals.UnknownSpends);
        Assert.Equal(3, summary.TxCount);
        Assert.Equal(new SeenAt(3, TimeOf(3)), summary.LastSeen);
    }

    [Fact]
    public async Task Summary_IsNull_ForAnAddressOfAnotherNetwork()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        await fixture.WriteAsync(BlockAcceptanceTests.SpendingChain(), None);
        var testnetAlice = BtcAddress.FromProgram(Network.Test, BtcAddressType.P2PKH, P2pkh("alice").Program.Span);

        Assert.Null(await fixture.Store.GetAddressSummaryAsync(testnetAlice, None));
    }

    [Fact]
    public async Task NeighboursOut_ArePaidByTransactionsTheAddressSpentIn_BiggestFirst_WithoutItself()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        await fixture.WriteAsync(WithUnknownAliceSpend(), None);

        var neighbours = (await fixture.Store.GetNeighboursAsync(P2pkh("alice"), FlowDirection.Out, 10, null, None)).Neighbours;

        Assert.Equal(
            [(P2pkh("bob"), (UInt256)20_0000_0000UL, 1), (P2wpkh("dave"), (UInt256)5_0000_0000UL, 1)],
            neighbours.Select(n => ((BtcAddress)n.Address, n.Value, n.TxCount)));
        Assert.All(neighbours, n => Assert.Equal(Asset.Btc, n.Asset));
        Assert.Single((await fixture.Store.GetNeighboursAsync(P2pkh("alice"), FlowDirection.Out, 1, null, None)).Neighbours);
    }

    [Fact]
    public async Task NeighboursIn_AreSpendersIntoTransactionsPayingTheAddress_SummingWhatItReceived()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        await fixture.WriteAsync(WithUnknownAliceSpend(), None);

        var intoCarol = (await fixture.Store.GetNeighboursAsync(P2wpkh("carol"), FlowDirection.In, 10, null, None)).Neighbours;
        var intoBob = (await fixture.Store.GetNeighboursAsync(P2pkh("bob"), FlowDirection.In, 10, null, None)).Neighbours;
        var intoMiner = (await fixture.Store.GetNeighboursAsync(P2pkh("miner"), FlowDirection.In, 10, null, None)).Neighbours;

        Assert.Equal([(P2pkh("bob"), (UInt256)19_0000_0000UL, 1)], intoCarol.Select(n => ((BtcAddress)n.Address, n.Value, n.TxCount)));
        Assert.Equal([(P2pkh("alice"), (UInt256)20_0000_0000UL, 1)], intoBob.Select(n => ((BtcAddress)n.Address, n.Value, n.TxCount)));
        Assert.Empty(intoMiner);
    }

    /// <summary>The spending chain plus block 3, where alice spends an output the store never saw (value unknown) to dave.</summary>
    private static List<Core.Utxo.UtxoBlock> WithUnknownAliceSpend()
    {
        var blocks = BlockAcceptanceTests.SpendingChain();
        blocks.Add(Block(3, Coinbase("cb3", Pay(0, P2pkh("miner"), 50_0000_0000)),
            Tx("t3", [SpendFromScript(0, Hash("unseen"), 0, P2pkh("alice"))], Pay(0, P2wpkh("dave"), 5_0000_0000))));
        return blocks;
    }
}
