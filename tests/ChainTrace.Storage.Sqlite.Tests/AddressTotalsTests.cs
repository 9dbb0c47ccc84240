using ChainTrace.Core.Chains;
using ChainTrace.Core.Primitives;
using Microsoft.Data.Sqlite;
using static ChainTrace.Storage.Sqlite.Tests.TestBlocks;

namespace ChainTrace.Storage.Sqlite.Tests;

/// <summary>Per-address totals kept at write time: the same answers as the histories they summarise, after any batching, rollback or upgrade.</summary>
public sealed class AddressTotalsTests
{
    private const long Btc = 1_0000_0000;
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Totals_WrittenBlockByBlock_EqualTotalsWrittenInOneBatch()
    {
        await using var batched = await StoreFixture.CreateAsync();
        await using var single = await StoreFixture.CreateAsync();
        var blocks = NeighbourShareTests.MergedPayment();
        await batched.WriteAsync(blocks, None);
        foreach (var block in NeighbourShareTests.MergedPayment())
        {
            await single.WriteAsync([block], None);
        }

        Assert.Equal(await batched.Store.ComputeDigestAsync(None), await single.Store.ComputeDigestAsync(None));

        // alice: paid 40 by the coinbase, spends it and gets 28 back in t1, so two transactions.
        var alice = (await batched.Store.GetAddressSummaryAsync(P2pkh("alice"), None))!;
        Assert.Equal(2, alice.TxCount);
        var totals = Assert.Single(alice.Totals);
        Assert.Equal((UInt256)(68UL * Btc), totals.Received);
        Assert.Equal((UInt256)(40UL * Btc), totals.Sent);
        Assert.Equal((UInt256)(28UL * Btc), totals.Balance);
    }

    [Fact]
    public async Task Rollback_RecomputesTheTotalsOfTheAddressesItTouched()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        await using var expected = await StoreFixture.CreateAsync();
        var blocks = NeighbourShareTests.MergedPayment();
        await fixture.WriteAsync(blocks, None);
        await expected.WriteAsync(blocks.Take(1).ToList(), None);

        await fixture.Store.RollbackToAsync(Chain.Btc, 0, None);

        Assert.Equal(await expected.Store.ComputeDigestAsync(None), await fixture.Store.ComputeDigestAsync(None));
        Assert.Null(await fixture.Store.GetAddressSummaryAsync(P2wpkh("carol"), None));
        var alice = (await fixture.Store.GetAddressSummaryAsync(P2pkh("alice"), None))!;
        Assert.Equal(1, alice.TxCount);
        Assert.Equal(new Core.Queries.SeenAt(0, TimeOf(0)), alice.LastSeen);
        Assert.Equal((UInt256)(40UL * Btc), alice.Totals.Single().Balance);
    }

    [Fact]
    public async Task StoreWrittenBeforeTheTotalsExisted_GetsThemOnOpen()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        await fixture.WriteAsync(NeighbourShareTests.MergedPayment(), None);
        var digest = await fixture.Store.ComputeDigestAsync(None);
        await fixture.Store.DisposeAsync();

        // The state migration 007 leaves in a store that already had transactions: an empty table and the task.
        using (var connection = new SqliteConnection($"Data Source={fixture.DatabasePath};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "DELETE FROM utxo_address_totals; INSERT INTO store_pending_tasks (name) VALUES ('utxo-address-totals');";
            command.ExecuteNonQuery();
        }

        await fixture.ReopenAsync();

        Assert.Equal(digest, await fixture.Store.ComputeDigestAsync(None));
        Assert.Equal(0, fixture.Count("store_pending_tasks"));
        Assert.Equal(2, (await fixture.Store.GetAddressSummaryAsync(P2pkh("alice"), None))!.TxCount);
    }
}
