using ChainTrace.Core.Chains;
using Microsoft.Data.Sqlite;
using static ChainTrace.Storage.Sqlite.Tests.TestBlocks;

namespace ChainTrace.Storage.Sqlite.Tests;

public sealed class ConcurrencyTests
{
    private static readonly CancellationToken None = CancellationToken.None;

    [Fact]
    public async Task Queries_SeeTheLastCommit_WhileAnotherWriterHoldsAnOpenTransaction()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        await fixture.WriteAsync(CoinbaseChain(2), None);

        using var writer = new SqliteConnection($"Data Source={fixture.DatabasePath};Pooling=False");
        writer.Open();
        using var transaction = writer.BeginTransaction(deferred: false);
        using (var insert = writer.CreateCommand())
        {
            insert.Transaction = transaction;
            insert.CommandText = "INSERT INTO blocks (chain, height, hash, prev_hash, time, tx_count) VALUES (1, 3, x'00', x'00', 0, 0)";
            insert.ExecuteNonQuery();
        }

        Assert.Equal(2, (await fixture.Store.GetTipAsync(Chain.Btc, None))!.Height);
        Assert.NotNull(await fixture.Store.GetTransactionAsync(Hash("cb1"), None));
        Assert.Null(await fixture.Store.GetBlockHashAsync(Chain.Btc, 3, None));
        transaction.Rollback();
    }

    [Fact]
    public async Task Digest_DoesNotDependOnBatchSizes()
    {
        await using var oneBatch = await StoreFixture.CreateAsync();
        await using var blockByBlock = await StoreFixture.CreateAsync();
        var chain = BlockAcceptanceTests.SpendingChain();
        await oneBatch.WriteAsync(chain, None);
        foreach (var block in BlockAcceptanceTests.SpendingChain())
        {
            await blockByBlock.WriteAsync([block], None);
        }

        Assert.Equal(await oneBatch.Store.ComputeDigestAsync(None), await blockByBlock.Store.ComputeDigestAsync(None));
        await using var empty = await StoreFixture.CreateAsync();
        Assert.NotEqual(await oneBatch.Store.ComputeDigestAsync(None), await empty.Store.ComputeDigestAsync(None));
    }
}
