using ChainTrace.Core.Chains;
using ChainTrace.Index.Account;
using ChainTrace.Storage.Sqlite;
using ChainTrace.TestSupport;

namespace ChainTrace.Index.Tests;

/// <summary>The account read model extended incrementally equals one rebuilt from the store, after appends and after a rollback.</summary>
public sealed class EthIndexTests : IDisposable
{
    private readonly TempDir _temp = new("eth-index");
    private SimulatedData? _sim;

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Update_AfterRollbackAndReingest_EqualsARebuild()
    {
        var sim = await SimulatedData.CreateAsync(_temp, "demo", eth: true);
        _sim = sim;
        var incremental = _temp.File("incremental");
        long tip;
        await using (var store = await SqliteGraphStore.OpenAsync(Path.Combine(sim.Data, "graph.db"), CancellationToken.None))
        {
            tip = (await store.GetTipAsync(Chain.Eth, CancellationToken.None))!.Height;
            var (first, cut) = await EthIndex.UpdateAsync(incremental, store, store, CancellationToken.None);
            using (first)
            {
                Assert.Equal(0, cut);
                await AssertEqualToRebuildAsync(first, store, "rebuild-1");
            }

            await store.RollbackToAsync(Chain.Eth, tip / 2, CancellationToken.None);
            var (rolled, cutBack) = await EthIndex.UpdateAsync(incremental, store, store, CancellationToken.None);
            using (rolled)
            {
                Assert.Equal(tip - (tip / 2), cutBack);
                Assert.Equal(tip / 2, rolled.Height);
                await AssertEqualToRebuildAsync(rolled, store, "rebuild-2");
            }
        }

        await Cli.RunAsync("ingest", "eth", "--etl", Path.Combine(sim.Sim, "eth", "etl"), "--data", sim.Data, "--no-cluster");
        await using (var store = await SqliteGraphStore.OpenAsync(Path.Combine(sim.Data, "graph.db"), CancellationToken.None))
        {
            var (again, cut) = await EthIndex.UpdateAsync(incremental, store, store, CancellationToken.None);
            using (again)
            {
                Assert.Equal(0, cut);
                Assert.Equal(tip, again.Height);
                await AssertEqualToRebuildAsync(again, store, "rebuild-3");
            }
        }
    }

    [Fact]
    public async Task Update_RebuildsAReadModelWrittenBeforeBlockTimes_AndTheTimesAreTheBlocks()
    {
        var sim = await SimulatedData.CreateAsync(_temp, "demo", eth: true);
        _sim = sim;
        var directory = _temp.File("old-layout");
        await using var store = await SqliteGraphStore.OpenAsync(Path.Combine(sim.Data, "graph.db"), CancellationToken.None);
        var (first, _) = await EthIndex.UpdateAsync(directory, store, store, CancellationToken.None);
        first.Dispose();

        // The layout before block times: no times array, no count for it in the manifest.
        var manifestPath = Path.Combine(directory, "manifest.json");
        var manifest = System.Text.Json.Nodes.JsonNode.Parse(await File.ReadAllTextAsync(manifestPath))!;
        Assert.True(manifest["Counts"]!.AsObject().Remove("times"));
        await File.WriteAllTextAsync(manifestPath, manifest.ToJsonString());
        File.Delete(Path.Combine(directory, "times.bin"));
        using (var old = EthIndex.Open(directory))
        {
            Assert.True(old.BlockCount > 0);
            Assert.False(old.HasBlockTimes);
        }

        var (updated, cut) = await EthIndex.UpdateAsync(directory, store, store, CancellationToken.None);
        using (updated)
        {
            Assert.Equal(0, cut);
            await AssertEqualToRebuildAsync(updated, store, "rebuild-times");
        }
    }

    /// <summary>Block number → timestamp, read from the simulator's blockchain-etl blocks file with a JSON parser.</summary>
    private Dictionary<long, long> ExportedTimes() =>
        File.ReadLines(Path.Combine(_sim!.Sim, "eth", "etl", "blocks.json"))
            .Select(l => System.Text.Json.JsonDocument.Parse(l).RootElement)
            .ToDictionary(b => b.GetProperty("number").GetInt64(), b => b.GetProperty("timestamp").GetInt64());

    private async Task AssertEqualToRebuildAsync(EthIndex index, SqliteGraphStore store, string name)
    {
        using var rebuilt = await EthIndex.RebuildAsync(_temp.File(name), store, CancellationToken.None);
        Assert.Equal(rebuilt.TransferCount, index.TransferCount);
        Assert.Equal(rebuilt.AddressCount, index.AddressCount);
        Assert.Equal(rebuilt.Height, index.Height);
        for (long i = 0; i < rebuilt.TransferCount; i++)
        {
            var (expected, actual) = (rebuilt.Transfer(i), index.Transfer(i));
            Assert.Equal((expected.From, expected.To, expected.Asset, expected.Height, expected.Value, expected.Tx.ToHash()),
                (actual.From, actual.To, actual.Asset, actual.Height, actual.Value, actual.Tx.ToHash()));
        }

        Assert.True(index.HasBlockTimes);
        Assert.Equal(rebuilt.BlockCount, index.BlockCount);
        var exported = ExportedTimes();
        for (var b = 0; b < index.BlockCount; b++)
        {
            Assert.Equal(rebuilt.BlockTime(b), index.BlockTime(b));
            Assert.Equal(exported[index.Block(b).Height], index.BlockTime(b));
        }

        for (var a = 0; a < rebuilt.AddressCount; a++)
        {
            Assert.True(rebuilt.AddressKey(a).SequenceEqual(index.AddressKey(a)));
            Assert.Equal(a, index.FindAddress(rebuilt.AddressKey(a)));

            // Each address's own transfer list (the deposit heuristic's per-address history) survives cut-backs.
            var history = index.TransfersOf(a);
            Assert.Equal(rebuilt.TransfersOf(a), history);
            Assert.Equal(history.Count, Enumerable.Range(0, (int)index.TransferCount).Count(t => index.Transfer(t).From == a || index.Transfer(t).To == a));
        }
    }
}
