using System.Globalization;
using ChainTrace.Core.Chains;
using ChainTrace.Risk.Storage;
using ChainTrace.Storage.Sqlite;
using ChainTrace.TestSupport;
using static ChainTrace.Risk.Tests.RefreshLines;

namespace ChainTrace.Risk.Tests;

/// <summary>
/// The Ethereum <c>risk refresh</c> continued over new blocks (by <c>ingest eth</c>, which refreshes a stored refresh by
/// itself) stores exactly what a full refresh over the same data stores (content digest of every address and cluster
/// row, and the counts), on the simulator's <c>demo</c> economy; where it cannot go on (a rollback, a new transfer
/// answering an older dust transfer, other options) it says why and refreshes in full, to the same content.
/// </summary>
[Trait("Category", "Integration")]
public sealed class EthIncrementalRefreshTests : IDisposable
{
    private readonly TempDir _temp = new("risk-eth-incremental");

    [Fact]
    public async Task IncrementalRefresh_AfterNewBlocksAndAfterARollback_StoresWhatAFullRefreshStores()
    {
        var (sim, data, etl) = await DemoUpToAsync(29);
        var first = Line(await Cli.RunAsync("--data", data, "risk", "refresh"));
        Assert.Contains("mode=full recomputed=", first, StringComparison.Ordinal);

        // Ingest continues the stored refresh over blocks 30..35, rewriting only the rows whose content changed.
        var grown = Line(await Cli.RunAsync("--data", data, "ingest", "eth", "--etl", etl, "--network", "regtest", "--to", "35"));
        Assert.Contains("mode=incremental", grown, StringComparison.Ordinal);
        Assert.True(Recomputed(grown) < Addresses(grown), grown);
        Assert.True(Addresses(grown) > Addresses(first), grown);
        var incremental = Digest(data);
        var full = Line(await Cli.RunAsync("--data", data, "risk", "refresh", "--full"));
        Assert.Equal(Digest(data), incremental);
        Assert.Equal(Counts(full), Counts(grown));
        Assert.Equal(35, Height(full));

        // Rolled back to 32: the forward mixes cannot be taken back, so a full refresh, saying why.
        await using (var store = await SqliteGraphStore.OpenAsync(Path.Combine(data, "graph.db"), CancellationToken.None))
        {
            await store.RollbackToAsync(Chain.Eth, 32, CancellationToken.None);
        }

        await Cli.RunAsync("--data", data, "cluster", "update");
        var cut = Line(await Cli.RunAsync("--data", data, "risk", "refresh"));
        Assert.Contains("mode=full", cut, StringComparison.Ordinal);
        Assert.Contains("(not incremental: the read model was rolled back or reorganised below the refreshed tip 35", cut, StringComparison.Ordinal);
        Assert.Equal(32, Height(cut));
        var afterCut = Digest(data);
        Assert.NotEqual(incremental, afterCut);

        // A store that never saw the removed blocks answers the same.
        var shorter = _temp.File("shorter");
        await Cli.RunAsync("--data", shorter, "ingest", "eth", "--etl", etl, "--network", "regtest", "--to", "32");
        await Cli.RunAsync("--data", shorter, "labels", "import", Path.Combine(sim, "labels", "tagpack.yaml"), "--network", "regtest");
        await Cli.RunAsync("--data", shorter, "risk", "refresh");
        Assert.Equal(afterCut, Digest(shorter));

        // Growing again from there (incrementally) ends where the first incremental refresh did.
        var regrown = Line(await Cli.RunAsync("--data", data, "ingest", "eth", "--etl", etl, "--network", "regtest", "--to", "35"));
        Assert.Contains("mode=incremental", regrown, StringComparison.Ordinal);
        Assert.Equal(incremental, Digest(data));
        Assert.Equal(Counts(full), Counts(regrown));
    }

    [Fact]
    public async Task ANewTransferAnsweringAnOlderDustTransfer_RefreshesInFull_ToWhatAFullRefreshStores()
    {
        // Blocks 36..41 hold a transfer back to the sender of a dust transfer of block 24: that one is no longer dust
        // (its recipient has now sent to its sender), which changes the recipient's mix from block 24 on.
        var (_, data, etl) = await DemoUpToAsync(35);
        await Cli.RunAsync("--data", data, "risk", "refresh");
        var grown = Line(await Cli.RunAsync("--data", data, "ingest", "eth", "--etl", etl, "--network", "regtest", "--to", "41"));
        var stored = Digest(data);
        var full = Line(await Cli.RunAsync("--data", data, "risk", "refresh", "--full"));
        Assert.Equal(Digest(data), stored);
        Assert.Equal(Counts(full), Counts(grown));
        Assert.Contains("mode=full", grown, StringComparison.Ordinal);
        Assert.Contains("(not incremental: a new transfer answers an earlier dust transfer to its sender, which is no longer dust)", grown, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OtherOptions_RefreshInFull_SayingWhy_AndFullIsFullWhenAsked()
    {
        var (_, data, _) = await DemoUpToAsync(29);
        await Cli.RunAsync("--data", data, "risk", "refresh");
        var again = Line(await Cli.RunAsync("--data", data, "risk", "refresh"));
        Assert.Contains("mode=incremental recomputed=0", again, StringComparison.Ordinal);

        var hops = Line(await Cli.RunAsync("--data", data, "risk", "refresh", "--hops", "2"));
        Assert.Contains("mode=full", hops, StringComparison.Ordinal);
        Assert.Contains("(not incremental: other exposure options)", hops, StringComparison.Ordinal);
        var dust = Line(await Cli.RunAsync("--data", data, "risk", "refresh", "--hops", "2", "--eth-dust-threshold", "20000000000000000000"));
        Assert.Contains("(not incremental: other exposure options)", dust, StringComparison.Ordinal);
        using (var store = RiskStore.TryOpen(EthRiskRefresh.StorePath(data))!)
        {
            Assert.Equal(UInt128.Parse("20000000000000000000", CultureInfo.InvariantCulture), store.Snapshot.DustThreshold);
        }

        var asked = Line(await Cli.RunAsync("--data", data, "risk", "refresh", "--hops", "2", "--eth-dust-threshold", "20000000000000000000", "--full"));
        Assert.Contains("mode=full", asked, StringComparison.Ordinal);
        Assert.DoesNotContain("not incremental", asked, StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    /// <summary>The simulator's <c>demo</c> economy (seed 3): its Ethereum export ingested up to <paramref name="height"/>, its TagPack imported.</summary>
    private async Task<(string Sim, string Data, string Etl)> DemoUpToAsync(int height)
    {
        var sim = _temp.File("sim");
        var data = _temp.File("data");
        await Cli.RunAsync("simulate", "--scenario", "demo", "--seed", "3", "--out", sim, "--fast");
        var etl = Path.Combine(sim, "eth", "etl");
        await Cli.RunAsync("--data", data, "ingest", "eth", "--etl", etl, "--network", "regtest", "--to", height.ToString(CultureInfo.InvariantCulture));
        await Cli.RunAsync("--data", data, "labels", "import", Path.Combine(sim, "labels", "tagpack.yaml"), "--network", "regtest");
        return (sim, data, etl);
    }

    private static string Digest(string data) => RefreshLines.StoredDigest(EthRiskRefresh.StorePath(data));

    private static string Line(string output) => RefreshLines.SummaryLine(output, "eth");
}
