using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite.Tests;

public sealed class MigrationTests
{
    [Fact]
    public async Task Open_AppliesEveryMigrationOnce_AndReopenAppliesNothingAgain()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        Assert.True(File.Exists(fixture.DatabasePath));
        Assert.Equal(1, fixture.Count("schema_migrations WHERE version = 1 AND name = '001_utxo'"));
        var appliedFirst = fixture.Count("schema_migrations");

        await fixture.WriteAsync(TestBlocks.CoinbaseChain(2), CancellationToken.None);
        await fixture.ReopenAsync();
        await fixture.ReopenAsync();

        Assert.Equal(appliedFirst, fixture.Count("schema_migrations"));
        Assert.Equal(3, fixture.Count("blocks"));
    }

    [Fact]
    public async Task Open_UsesWalJournal_SoReadersRunBesideTheWriter()
    {
        await using var fixture = await StoreFixture.CreateAsync();
        using var connection = new SqliteConnection($"Data Source={fixture.DatabasePath};Pooling=False");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = "PRAGMA journal_mode";
        Assert.Equal("wal", (string)command.ExecuteScalar()!);
    }
}
