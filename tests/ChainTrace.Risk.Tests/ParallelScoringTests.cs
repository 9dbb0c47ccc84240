using ChainTrace.Cli.Hosting;
using ChainTrace.Index.Service;
using ChainTrace.Risk.Exposure;
using ChainTrace.Risk.Model;
using ChainTrace.TestSupport;

namespace ChainTrace.Risk.Tests;

/// <summary>
/// The refresh scores with the model on every core (a prediction engine per worker): on the simulator's <c>demo</c>
/// economy with a trained model, each address gets exactly what scoring it alone, on the model's own engine, gives,
/// and the explanation skips no feature that contributes.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ParallelScoringTests : IDisposable
{
    private readonly TempDir _temp = new("risk-parallel");

    [Fact]
    public async Task WithAModel_ScoringOnEveryCore_GivesEachAddressWhatScoringItAloneGives()
    {
        var sim = _temp.File("sim");
        var data = _temp.File("data");
        await Cli.RunAsync("simulate", "--scenario", "demo", "--seed", "5", "--out", sim, "--fast");
        await Cli.RunAsync("--data", data, "ingest", "btc", "--blocks-dir", Path.Combine(sim, "btc", "blocks"), "--network", "regtest");
        await Cli.RunAsync("--data", data, "labels", "import", Path.Combine(sim, "labels", "tagpack.yaml"), "--network", "regtest");
        await Cli.RunAsync("--data", data, "model", "train", "--truth", sim);
        var labels = await new DataDirectory(new DirectoryInfo(data)).OpenLabelsAsync(CancellationToken.None);
        using var readModel = await BtcReadModel.OpenAsync(data);
        var index = readModel.Index;
        var roots = RiskRefresh.Roots(new ReadModelPaths(data), index);
        var seeds = await LabelSeeds.LoadAsync(labels, index, roots, CancellationToken.None);
        var exposures = ExposurePass.Run(index, seeds.Categories, new ExposureOptions());
        var features = FeatureExtractor.Compute(index, roots, exposures);
        using var model = RiskModelFiles.TryLoadCurrent(data)!;

        var addresses = Enumerable.Range(0, index.AddressCount).Reverse().ToArray();
        var reported = new List<int>();
        var together = RiskRefresh.Rows(addresses, exposures, roots, seeds, model, features, reported.Add);

        Assert.Equal(addresses.Length, reported[^1]);
        var explained = 0;
        for (var i = 0; i < addresses.Length; i++)
        {
            var alone = RiskRefresh.Row(exposures, addresses[i], roots, seeds, model, features);
            Assert.Equal(alone.Facts.ModelProbability, together[i].Facts.ModelProbability);
            Assert.Equal(alone.Facts.TopFeatures, together[i].Facts.TopFeatures);
            Assert.Equal((alone.Score.Score, alone.Score.Level), (together[i].Score.Score, together[i].Score.Level));
            Assert.Equal(alone.Score.Reasons, together[i].Score.Reasons);
            explained += alone.Facts.TopFeatures is { Count: > 0 } ? 1 : 0;
        }

        Assert.True(explained > 10, $"{explained} addresses explained");

        // Skipping features already at the median loses nothing: probing them too gives the same top features.
        var row = Enumerable.Range(0, index.AddressCount).Select(features.Row).First(r => model.Explain(r).Top.Count > 0);
        var top = model.Explain(row).Top;
        var p = model.Predict(row);
        var probed = Enumerable.Range(0, row.Length)
            .Select(f => (f, without: model.Predict(row.Select((v, j) => j == f ? model.Medians[f] : v).ToArray())))
            .Where(x => p - x.without > 0.001)
            .OrderByDescending(x => Math.Round(p - x.without, 4)).Take(3).Select(x => FeatureExtractor.Names[x.f]);
        Assert.Equal(probed, top.Select(t => t.Feature));
    }

    public void Dispose() => _temp.Dispose();
}
