using ChainTrace.Core.Chains;
using ChainTrace.Risk.Storage;
using ChainTrace.Storage.Sqlite;
using ChainTrace.TestSupport;
using static ChainTrace.Risk.Tests.RefreshLines;

namespace ChainTrace.Risk.Tests;

/// <summary>
/// <c>risk refresh</c> continued over new blocks (after <c>ingest</c>, which refreshes a stored refresh by itself) and
/// after a rollback stores exactly what a full refresh over the same data stores: the same rows (content digest of
/// every address and cluster row) and the same counts, on the simulator's <c>demo</c> economy.
/// </summary>
[Trait("Category", "Integration")]
public sealed class IncrementalRefreshTests : IDisposable
{
    private readonly TempDir _temp = new("risk-incremental-refresh");

    [Fact]
    public async Task IncrementalRefresh_AfterNewBlocksAndAfterARollback_StoresWhatAFullRefreshStores()
    {
        var (sim, data, blocks) = await DemoUpToAsync(140);
        var tagpack = Path.Combine(sim, "labels", "tagpack.yaml");
        var first = await Cli.RunAsync("--data", data, "risk", "refresh");
        Assert.Contains("mode=full recomputed=", first, StringComparison.Ordinal);

        // Ingest continues the stored refresh over the new blocks.
        var ingest = await Cli.RunAsync("--data", data, "ingest", "btc", "--blocks-dir", blocks, "--network", "regtest");
        var grown = Line(ingest);
        Assert.Contains("mode=incremental", grown, StringComparison.Ordinal);
        Assert.True(Recomputed(grown) < Addresses(grown), grown);
        var incremental = Digest(data);
        var full = Line(await Cli.RunAsync("--data", data, "risk", "refresh", "--full"));
        Assert.Equal(Digest(data), incremental);
        Assert.Equal(Counts(full), Counts(grown));
        Assert.True(Height(full) > 140, full);

        // Rolled back to 125: rows of removed addresses go, rows that removed transactions fed are recomputed.
        await using (var store = await SqliteGraphStore.OpenAsync(Path.Combine(data, "graph.db"), CancellationToken.None))
        {
            await store.RollbackToAsync(Chain.Btc, 125, CancellationToken.None);
        }

        await Cli.RunAsync("--data", data, "cluster", "update");
        var cut = Line(await Cli.RunAsync("--data", data, "risk", "refresh"));
        Assert.Contains("mode=incremental", cut, StringComparison.Ordinal);
        Assert.Equal(125, Height(cut));
        var afterCut = Digest(data);
        Assert.NotEqual(incremental, afterCut);
        var fullCut = Line(await Cli.RunAsync("--data", data, "risk", "refresh", "--full"));
        Assert.Equal(Digest(data), afterCut);
        Assert.Equal(Counts(fullCut), Counts(cut));

        // A store that never saw the removed blocks answers the same.
        var shorter = _temp.File("shorter");
        await Cli.RunAsync("--data", shorter, "ingest", "btc", "--blocks-dir", blocks, "--network", "regtest", "--to", "125");
        await Cli.RunAsync("--data", shorter, "labels", "import", tagpack, "--network", "regtest");
        await Cli.RunAsync("--data", shorter, "risk", "refresh");
        Assert.Equal(afterCut, Digest(shorter));

        // And growing again from there ends where the first full refresh did.
        var regrown = Line(await Cli.RunAsync("--data", data, "ingest", "btc", "--blocks-dir", blocks, "--network", "regtest"));
        Assert.Contains("mode=incremental", regrown, StringComparison.Ordinal);
        Assert.Equal(incremental, Digest(data));
    }

    [Fact]
    public async Task WithATrainedModel_TheIncrementalRefreshScoresTheChangedRowsAsAFullOneDoes()
    {
        // With a model, a member's features include its cluster's size: members of clusters the new blocks grew are rescored.
        var (sim, data, blocks) = await DemoUpToAsync(140);
        await Cli.RunAsync("--data", data, "model", "train", "--truth", sim);
        await Cli.RunAsync("--data", data, "risk", "refresh");
        var grown = Line(await Cli.RunAsync("--data", data, "ingest", "btc", "--blocks-dir", blocks, "--network", "regtest"));
        Assert.Contains("mode=incremental", grown, StringComparison.Ordinal);
        var incremental = Digest(data);
        using (var store = RiskStore.TryOpen(RiskRefresh.StorePath(data))!)
        {
            Assert.NotNull(store.Snapshot.ModelVersion);
        }

        var full = Line(await Cli.RunAsync("--data", data, "risk", "refresh", "--full"));
        Assert.Equal(Digest(data), incremental);
        Assert.Equal(Counts(full), Counts(grown));
    }

    [Fact]
    public async Task AStoredRefreshOfTheFirstFactsForm_IsRecomputedInFull()
    {
        var sim = _temp.File("sim");
        var data = _temp.File("data");
        await Cli.RunAsync("simulate", "--scenario", "demo", "--seed", "3", "--out", sim, "--fast");
        await Cli.RunAsync("--data", data, "ingest", "btc", "--blocks-dir", Path.Combine(sim, "btc", "blocks"), "--network", "regtest");
        await Cli.RunAsync("--data", data, "risk", "refresh");
        var digest = Digest(data);
        using (var connection = new Microsoft.Data.Sqlite.SqliteConnection($"Data Source={RiskRefresh.StorePath(data)};Pooling=False"))
        {
            connection.Open();
            using var command = connection.CreateCommand();
            command.CommandText = "UPDATE meta SET value = 'facts-binary-1' WHERE key = 'format'";
            command.ExecuteNonQuery();
        }

        var again = Line(await Cli.RunAsync("--data", data, "risk", "refresh"));
        Assert.Contains("mode=full", again, StringComparison.Ordinal);
        Assert.Contains("(not incremental: stored facts of an older form)", again, StringComparison.Ordinal);
        Assert.Equal(digest, Digest(data));
        Assert.Contains("mode=incremental", Line(await Cli.RunAsync("--data", data, "risk", "refresh")), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    /// <summary>The simulator's <c>demo</c> economy (seed 3) ingested up to <paramref name="height"/>, its TagPack imported.</summary>
    private async Task<(string Sim, string Data, string Blocks)> DemoUpToAsync(int height)
    {
        var sim = _temp.File("sim");
        var data = _temp.File("data");
        await Cli.RunAsync("simulate", "--scenario", "demo", "--seed", "3", "--out", sim, "--fast");
        var blocks = Path.Combine(sim, "btc", "blocks");
        await Cli.RunAsync("--data", data, "ingest", "btc", "--blocks-dir", blocks, "--network", "regtest", "--to", height.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await Cli.RunAsync("--data", data, "labels", "import", Path.Combine(sim, "labels", "tagpack.yaml"), "--network", "regtest");
        return (sim, data, blocks);
    }

    private static string Digest(string data) => RefreshLines.StoredDigest(RiskRefresh.StorePath(data));

    private static string Line(string output) => RefreshLines.SummaryLine(output, "btc");
}
