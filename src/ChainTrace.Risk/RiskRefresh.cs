using System.Diagnostics;
using ChainTrace.Core.Labels;
using ChainTrace.Core.Risk;
using ChainTrace.Index.Clustering;
using ChainTrace.Index.Service;
using ChainTrace.Index.Utxo;
using ChainTrace.Risk.Exposure;
using ChainTrace.Risk.Model;
using ChainTrace.Risk.Storage;

namespace ChainTrace.Risk;

/// <summary>
/// <c>chaintrace risk refresh</c>: exposure of every Bitcoin address and cluster in bulk over the read model, a
/// score for each (labels, exposure, the model when one is trained), stored with the data height so screening is
/// a lookup. Progress goes to <paramref name="progress"/> as (phase, done, total).
/// </summary>
public static class RiskRefresh
{
    public static string StorePath(string dataDirectory) => Path.Combine(dataDirectory, "risk", "btc.db");

    public static async Task<RiskRefreshSummary> RunAsync(
        string dataDirectory, ILabelStore labels, ExposureOptions options, IProgress<(string Phase, long Done, long Total)>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(labels);
        var clock = Stopwatch.StartNew();
        var paths = new ReadModelPaths(dataDirectory);
        using var index = UtxoIndex.Open(paths.Btc);
        var roots = Roots(paths, index);
        progress?.Report(("labels", 0, 1));
        var seeds = await LabelSeeds.LoadAsync(labels, index, roots, cancellationToken).ConfigureAwait(false);
        var txs = (long)index.TxCount * 2;
        var exposures = ExposurePass.Run(index, seeds.Categories, options, done => progress?.Report(("exposure", done, txs)), roots);
        using var model = RiskModelFiles.TryLoadCurrent(dataDirectory);
        var features = model is null ? null : FeatureExtractor.Compute(index, roots, exposures);
        var labelVersion = await labels.GetLabelSetVersionAsync(cancellationToken).ConfigureAwait(false);
        var height = index.Tip?.Height ?? -1;
        int exposed = 0, discounted = 0;
        var levels = new int[4];
        var rows = new List<(byte[], RiskFacts, int, RiskLevel)>(index.AddressCount);
        for (var a = 0; a < index.AddressCount; a++)
        {
            var facts = FactsOf(exposures, a, roots[a]);
            if (model is not null && features is not null)
            {
                var (p, top) = model.Explain(features.Row(a));
                facts = facts with { ModelProbability = p, TopFeatures = top };
            }

            exposed += facts.Exposures.Count > 0 ? 1 : 0;
            discounted += facts.Discounted.Count > 0 ? 1 : 0;
            var score = RiskScorer.Score(facts, SeedLabel(seeds, a));
            levels[(int)score.Level]++;
            rows.Add((index.AddressKey(a).ToArray(), facts, score.Score, score.Level));
            if ((a & 0xFFFF) == 0)
            {
                progress?.Report(("score", a, index.AddressCount));
            }
        }

        var clusters = ClusterFacts(exposures);
        progress?.Report(("write", 0, rows.Count));

        // In key order the table's B-tree is appended to, not split at random pages: several times faster on a large store.
        rows.Sort((x, y) => x.Item1.AsSpan().SequenceCompareTo(y.Item1));
        var snapshot = new RiskSnapshot(height, options.Hops, options.DustThreshold, labelVersion, model?.Version, DateTimeOffset.UtcNow, rows.Count);
        RiskStore.Write(StorePath(dataDirectory), snapshot, rows, clusters);
        return new RiskRefreshSummary(height, rows.Count, exposed, discounted, clusters.Count, levels[0], levels[1], levels[2], levels[3], clock.Elapsed);
    }

    /// <summary>Each address's cluster id (the cluster store's root), or itself when clustering has not reached it.</summary>
    internal static int[] Roots(ReadModelPaths paths, UtxoIndex index)
    {
        if (!File.Exists(Path.Combine(paths.BtcClusters, "state.json")))
        {
            return Roots(index, null);
        }

        using var store = ClusterStore.Open(paths.BtcClusters);
        return Roots(index, store.Forest);
    }

    /// <summary>Each address's root in <paramref name="forest"/>; itself past the forest's count or without one.</summary>
    public static int[] Roots(UtxoIndex index, Core.Clustering.ClusterForest? forest)
    {
        ArgumentNullException.ThrowIfNull(index);
        return Roots(index.AddressCount, forest);
    }

    /// <summary>Each of <paramref name="addressCount"/> address ids' root in <paramref name="forest"/> (either chain); itself past the forest's count or without one.</summary>
    public static int[] Roots(int addressCount, Core.Clustering.ClusterForest? forest)
    {
        var roots = new int[addressCount];
        var covered = forest is null ? 0 : Math.Min(roots.Length, forest.Count);
        for (var a = 0; a < roots.Length; a++)
        {
            roots[a] = a < covered ? forest!.Find(a) : a;
        }

        return roots;
    }

    internal static RiskFacts FactsOf(AddressExposures x, int a, long cluster)
    {
        var list = new List<CategoryExposure>();
        var amounts = x.Amounts[a];
        var k = x.Categories;
        if (amounts is not null)
        {
            for (var slot = 0; slot < 4; slot++)
            {
                var direction = slot < 2 ? ExposureDirection.Incoming : ExposureDirection.Outgoing;
                var total = direction == ExposureDirection.Incoming ? x.Received[a] : x.Sent[a];
                for (var c = 0; c < k; c++)
                {
                    var amount = (long)Math.Round(amounts[(slot * k) + c]);
                    if (amount > 0 && total > 0)
                    {
                        list.Add(new CategoryExposure(ExposureCategories.All[c].Id, direction, (ExposureType)(slot % 2), amount, Math.Round((double)amount / total, 6)));
                    }
                }
            }
        }

        var dust = new List<DiscountedExposure>();
        if (x.Discounted[a] is { } d)
        {
            for (var slot = 0; slot < 2; slot++)
            {
                for (var c = 0; c < k; c++)
                {
                    var amount = (long)Math.Round(d[(slot * k) + c]);
                    if (amount > 0)
                    {
                        dust.Add(new DiscountedExposure(ExposureCategories.All[c].Id, (ExposureType)slot, amount, x.DiscountedOutputs[a],
                            "unsolicited output below the dust threshold, never spent by the address"));
                    }
                }
            }
        }

        return new RiskFacts(cluster, x.Received[a], x.Sent[a], list, dust);
    }

    private static IReadOnlyList<RiskLabel> SeedLabel(LabelSeeds seeds, int a) =>
        seeds.Categories[a] < 0 ? [] : [new RiskLabel(ExposureCategories.All[seeds.Categories[a]], seeds.Confidence[a], seeds.Texts[a], "labels", false)];

    /// <summary>Clusters of more than one address: value crossing the cluster's boundary (flows between members are not exposure).</summary>
    private static List<(long, RiskFacts)> ClusterFacts(AddressExposures x)
    {
        var result = new List<(long, RiskFacts)>();
        if (x.Clusters is not { } clusters)
        {
            return result;
        }

        foreach (var (root, slot) in clusters.Slots.OrderBy(s => s.Key))
        {
            result.Add((root, FactsOf(clusters.Exposures, slot, root) with { Discounted = [] }));
        }

        return result;
    }
}
