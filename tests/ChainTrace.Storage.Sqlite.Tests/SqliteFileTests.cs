using ChainTrace.Storage.Sqlite.AppState;
using ChainTrace.TestSupport;
using Microsoft.Data.Sqlite;

namespace ChainTrace.Storage.Sqlite.Tests;

/// <summary>The graph and app-state stores open through <see cref="SqliteFile"/> and keep their own journal and migration numbers.</summary>
public sealed class SqliteFileTests : IDisposable
{
    private readonly TempDir _temp = new("sqlite-file");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task GraphAndAppState_EachAppliesItsOwnNumberedMigrations_InWalMode_InNewDirectories()
    {
        var graphPath = _temp.File(Path.Combine("a", "b", "graph.db"));
        var appStatePath = _temp.File(Path.Combine("c", "appstate.db"));

        await using (await SqliteGraphStore.OpenAsync(graphPath, CancellationToken.None))
        await using (await SqliteAppStateStore.OpenAsync(appStatePath, CancellationToken.None))
        {
            Assert.Equal(["001_utxo", "002_account", "005_block_bits", "007_address_totals", "008_eth_untraced_blocks"], Read(graphPath, "SELECT name FROM schema_migrations ORDER BY version"));
            Assert.Equal(["001_appstate", "002_watchlists", "003_cases", "004_cluster_members", "005_audit_journals", "006_audit_subjects", "007_audit_subjects_append_only"], Read(appStatePath, "SELECT name FROM schema_migrations ORDER BY version"));
            Assert.Equal(["wal"], Read(graphPath, "PRAGMA journal_mode"));
            Assert.Equal(["wal"], Read(appStatePath, "PRAGMA journal_mode"));
        }
    }

    [Fact]
    public async Task OpenAsync_ReadOnlyOnAMissingFile_Throws_AndCreatesNothing()
    {
        var missing = SqliteFile.ReaderConnectionString(_temp.File("absent.db"));

        await Assert.ThrowsAsync<SqliteException>(() => SqliteFile.OpenAsync(missing, CancellationToken.None));

        Assert.False(File.Exists(_temp.File("absent.db")), "a read-only open creates no file");
    }

    private static List<string> Read(string path, string sql)
    {
        using var connection = new SqliteConnection($"Data Source={path};Pooling=False;Mode=ReadOnly");
        connection.Open();
        using var command = connection.CreateCommand();
        command.CommandText = sql;
        using var reader = command.ExecuteReader();
        var rows = new List<string>();
        while (reader.Read())
        {
            rows.Add(reader.GetString(0));
        }

        return rows;
    }
}
