using ChainTrace.Cli.Hosting;
using ChainTrace.Index.Service;
using ChainTrace.Index.Utxo;
using ChainTrace.Risk.Exposure;
using ChainTrace.TestSupport;

namespace ChainTrace.Risk.Tests;

/// <summary>
/// Exposure after appending blocks, on the simulator's <c>demo</c> economy ingested in two steps: only the addresses
/// <see cref="ExposureImpact.Affected"/> names can change, and recomputing just those from the transactions within
/// reach gives exactly the full pass's rows.
/// </summary>
[Trait("Category", "Integration")]
public sealed class IncrementalExposureTests : IDisposable
{
    private readonly TempDir _temp = new("risk-incremental");

    [Fact]
    public async Task AfterAppend_OnlyTheAffectedAddressesChange_AndTheirLocalRecomputeEqualsAFullPass()
    {
        var sim = _temp.File("sim");
        var data = _temp.File("data");
        await Cli.RunAsync("simulate", "--scenario", "demo", "--seed", "3", "--out", sim, "--fast");
        var blocks = Path.Combine(sim, "btc", "blocks");
        await Cli.RunAsync("--data", data, "ingest", "btc", "--blocks-dir", blocks, "--network", "regtest", "--to", "145");
        await Cli.RunAsync("--data", data, "labels", "import", Path.Combine(sim, "labels", "tagpack.yaml"), "--network", "regtest");
        var options = new ExposureOptions();
        var paths = new ReadModelPaths(data);
        var labels = await new DataDirectory(new DirectoryInfo(data)).OpenLabelsAsync(CancellationToken.None);

        AddressExposures before;
        int[] seedsBefore;
        int oldTxs, oldAddresses;
        using (var model = await BtcReadModel.OpenAsync(data))
        {
            var index = model.Index;
            seedsBefore = (await LabelSeeds.LoadAsync(labels, index, RiskRefresh.Roots(paths, index), CancellationToken.None)).Categories;
            before = ExposurePass.Run(index, seedsBefore, options);
            (oldTxs, oldAddresses) = (index.TxCount, index.AddressCount);
        }

        await Cli.RunAsync("--data", data, "ingest", "btc", "--blocks-dir", blocks, "--network", "regtest");
        using var grownModel = await BtcReadModel.OpenAsync(data);
        var grown = grownModel.Index;
        Assert.True(grown.TxCount > oldTxs + 50, $"{grown.TxCount - oldTxs} transactions appended");
        var seeds = (await LabelSeeds.LoadAsync(labels, grown, RiskRefresh.Roots(paths, grown), CancellationToken.None)).Categories;
        Assert.Equal(seedsBefore, seeds[..oldAddresses]);

        var full = ExposurePass.Run(grown, seeds, options);
        var affected = ExposureImpact.Affected(grown, oldTxs, options);
        Assert.InRange(affected.Count, 10, grown.AddressCount - 1);
        var changed = 0;
        Console.WriteLine($"incremental: {grown.TxCount - oldTxs} tx appended, {affected.Count} of {grown.AddressCount} addresses affected");
        for (var a = 0; a < oldAddresses; a++)
        {
            if (!affected.Contains(a))
            {
                AssertSameRow(before, full, a);
            }
            else
            {
                changed += SameRow(before, full, a) ? 0 : 1;
            }
        }

        Assert.True(changed > 0, "no old address changed: the append did not exercise the backward closure");
        var local = ExposurePass.RunFor(grown, seeds, options, affected);
        Assert.NotNull(local);
        foreach (var a in affected)
        {
            AssertSameRow(full, local, a);
        }

        // One address at a time (no neighbour's closure to lean on): addresses with indirect exposure both ways.
        var k = full.Categories;
        var singles = affected.Where(a => full.Amounts[a] is { } x && x.Skip(k).Take(k).Any(v => v > 0) && x.Skip(3 * k).Any(v => v > 0)).Take(40).ToList();
        Assert.True(singles.Count >= 10, $"{singles.Count} addresses with indirect exposure both ways");
        foreach (var a in singles)
        {
            AssertSameRow(full, ExposurePass.RunFor(grown, seeds, options, [a])!, a);
        }
    }

    private static bool SameRow(AddressExposures x, AddressExposures y, int a) =>
        x.Received[a] == y.Received[a] && x.Sent[a] == y.Sent[a] && x.DiscountedOutputs[a] == y.DiscountedOutputs[a] &&
        Same(x.Amounts[a], y.Amounts[a]) && Same(x.Discounted[a], y.Discounted[a]);

    private static bool Same(double[]? x, double[]? y) =>
        (x ?? []).Where(v => v != 0).SequenceEqual((y ?? []).Where(v => v != 0)) && (x is null || y is null || x.SequenceEqual(y));

    private static void AssertSameRow(AddressExposures x, AddressExposures y, int a) =>
        Assert.True(SameRow(x, y, a), $"address {a}: received {x.Received[a]}/{y.Received[a]} sent {x.Sent[a]}/{y.Sent[a]} amounts differ");

    public void Dispose() => _temp.Dispose();
}
