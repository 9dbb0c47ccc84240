using ChainTrace.Core.Addresses;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Queries;
using ChainTrace.Core.Utxo;
using static ChainTrace.Storage.Sqlite.Tests.TestBlocks;

namespace ChainTrace.Storage.Sqlite.Tests;

/// <summary>
/// Neighbours through multi-input transactions: each payer is credited with its share (by input value) of what
/// was paid, so a transaction's shares add up to what it moved. Values in BTC × 10^8.
/// </summary>
public sealed class NeighbourShareTests
{
    private const long Btc = 1_0000_0000;
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task NeighboursIn_OfAMultiInputPayment_AreCreditedByInputValue_AndAddUpToWhatWasReceived()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        await fixture.WriteAsync(MergedPayment(), None);

        // alice 40, bob 20, dave 10 pay carol 35 and alice's change 28 (fee 7): carol's 35 is 4/7, 2/7, 1/7.
        var intoCarol = await NeighboursAsync(fixture, P2wpkh("carol"), FlowDirection.In);
        Assert.Equal([(P2pkh("alice"), 20 * Btc), (P2pkh("bob"), 10 * Btc), (P2pkh("dave"), 5 * Btc)], intoCarol);
        Assert.Equal(35 * Btc, intoCarol.Sum(n => n.Value));

        // alice's change: bob and dave are credited with their shares of 28, alice's own 16 is not a neighbour.
        var intoAlice = await NeighboursAsync(fixture, P2pkh("alice"), FlowDirection.In);
        Assert.Equal([(P2pkh("bob"), 8 * Btc), (P2pkh("dave"), 4 * Btc)], intoAlice);
    }

    [Fact]
    public async Task NeighboursOut_OfACoPayer_AreCreditedWithItsShareOfEachOutput()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        await fixture.WriteAsync(MergedPayment(), None);

        // bob put in 20 of 70: 2/7 of carol's 35 and of alice's 28.
        Assert.Equal([(P2wpkh("carol"), 10 * Btc), (P2pkh("alice"), 8 * Btc)], await NeighboursAsync(fixture, P2pkh("bob"), FlowDirection.Out));
    }

    [Fact]
    public async Task NeighboursIn_WhenAnInputValueIsUnknown_AreCreditedByInputCount()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        var blocks = MergedPayment();
        var carolCoin = blocks[1].Transactions[0].TxId;
        blocks.Add(Block(2, Coinbase("cb2", Pay(0, P2pkh("miner"), 50 * Btc)),
            Tx("t2", [Spend(0, carolCoin, 0), SpendFromScript(1, Hash("unseen"), 0, P2pkh("erin"))], Pay(0, P2pkh("frank"), 30 * Btc))));
        await fixture.WriteAsync(blocks, None);

        Assert.Equal([(P2pkh("erin"), 15 * Btc), (P2wpkh("carol"), 15 * Btc)], await NeighboursAsync(fixture, P2pkh("frank"), FlowDirection.In));
    }

    [Fact]
    public async Task NeighboursIn_WithUnevenShares_StillAddUp_TheRemainderGoingToTheLargestPayer()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        var cb = Coinbase("cb0", Pay(0, P2pkh("a"), 1), Pay(1, P2pkh("b"), 1), Pay(2, P2pkh("c"), 2));
        await fixture.WriteAsync(
            [Block(0, cb), Block(1, Tx("t1", [Spend(0, cb.TxId, 0), Spend(1, cb.TxId, 1), Spend(2, cb.TxId, 2)], Pay(0, P2pkh("hub"), 3)))], None);

        // 3 sat paid by weights 1, 1, 2: floors 0, 0, 1; the remaining 2 go to c, the largest payer.
        Assert.Equal([(P2pkh("c"), 3L)], (await NeighboursAsync(fixture, P2pkh("hub"), FlowDirection.In)).Where(n => n.Value > 0));
        Assert.Equal(3, (await NeighboursAsync(fixture, P2pkh("hub"), FlowDirection.In)).Sum(n => n.Value));
    }

    [Fact]
    public async Task Pages_FollowedByTheirCursor_CoverEveryNeighbourOnce_WithTheTotalsOfOneBigPage()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        var payers = Enumerable.Range(1, 5).Select(i => P2pkh($"payer{i}")).ToList();
        var cb = Coinbase("cb0", payers.Select((p, i) => Pay(i, p, (i + 1) * Btc)).ToArray());
        var pays = payers.Select((p, i) => Tx($"pay{i}", [Spend(0, cb.TxId, (uint)i)], Pay(0, P2pkh("hub"), (i + 1) * Btc))).ToArray();
        await fixture.WriteAsync([Block(0, cb), Block(1, pays)], None);

        var all = await fixture.Store.GetNeighboursAsync(P2pkh("hub"), FlowDirection.In, 1_000, null, None);
        Assert.Null(all.Next);
        var paged = new List<AddressNeighbour>();
        NeighbourCursor? cursor = null;
        var pages = 0;
        do
        {
            var page = await fixture.Store.GetNeighboursAsync(P2pkh("hub"), FlowDirection.In, 2, cursor, None);
            Assert.InRange(page.Neighbours.Count, 1, 2);
            paged.AddRange(page.Neighbours);
            cursor = page.Next;
            pages++;
        }
        while (cursor is not null);

        Assert.Equal(3, pages);
        Assert.Equal(all.Neighbours.OrderBy(n => n.Address.ToString()), paged.OrderBy(n => n.Address.ToString()));
        Assert.Equal(15 * Btc, paged.Sum(n => (long)n.Value.ToBigInteger()));
    }

    /// <summary>Block 0 pays alice 40, bob 20 and dave 10; block 1 spends all three to carol 35 and alice 28 (fee 7).</summary>
    internal static List<UtxoBlock> MergedPayment()
    {
        var cb0 = Coinbase("cb0", Pay(0, P2pkh("alice"), 40 * Btc), Pay(1, P2pkh("bob"), 20 * Btc), Pay(2, P2pkh("dave"), 10 * Btc));
        var t1 = Tx("t1", [Spend(0, cb0.TxId, 0), Spend(1, cb0.TxId, 1), Spend(2, cb0.TxId, 2)], Pay(0, P2wpkh("carol"), 35 * Btc), Pay(1, P2pkh("alice"), 28 * Btc));
        return [Block(0, cb0), Block(1, t1)];
    }

    private static async Task<List<(BtcAddress Address, long Value)>> NeighboursAsync(StoreFixture fixture, BtcAddress address, FlowDirection direction) =>
        (await fixture.Store.GetNeighboursAsync(address, direction, 100, null, None)).Neighbours
            .Select(n => ((BtcAddress)n.Address, (long)n.Value.ToBigInteger()))
            .ToList();
}
