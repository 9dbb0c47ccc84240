using System.Diagnostics;
using ChainTrace.Core.Labels;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Risk;
using ChainTrace.Index.Clustering;
using ChainTrace.Index.Service;
using ChainTrace.Index.Utxo;
using ChainTrace.Risk.Exposure;
using ChainTrace.Risk.Model;
using ChainTrace.Risk.Storage;

namespace ChainTrace.Risk;

/// <summary>
/// <c>chaintrace risk refresh</c>: exposure of every Bitcoin address and cluster over the read model, a score for
/// each (labels, exposure, the model when one is trained), stored with the data height so screening is a lookup: in
/// bulk, or for what new blocks changed. Progress goes to the progress sink as (phase, done, total).
/// </summary>
public static partial class RiskRefresh
{
    public static string StorePath(string dataDirectory) => Path.Combine(dataDirectory, "risk", "btc.db");

    /// <summary>
    /// Refreshes the stored Bitcoin risk. Unless <paramref name="full"/>, and when the stored refresh allows it (same
    /// options, label set and model; its read model not cut below a block it remembers; no label spread through
    /// changed clusters to an old address), only the rows new or rolled-back blocks can change are recomputed
    /// (<see cref="Incremental"/>), which gives the same stored answers as a full pass over the same data.
    /// </summary>
    public static async Task<RiskRefreshSummary> RunAsync(
        string dataDirectory, IStoredBlockFeed store, ILabelStore labels, ExposureOptions options, IProgress<(string Phase, long Done, long Total)>? progress, CancellationToken cancellationToken, bool full = false)
    {
        ArgumentNullException.ThrowIfNull(store);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var paths = new ReadModelPaths(dataDirectory);
        using var index = UtxoIndex.Open(paths.Btc, store);
        var roots = Roots(paths, index);
        progress?.Report(("labels", 0, 1));
        var seeds = await LabelSeeds.LoadAsync(labels, index, roots, cancellationToken).ConfigureAwait(false);
        using var model = RiskModelFiles.TryLoadCurrent(dataDirectory);
        var labelVersion = await labels.GetLabelSetVersionAsync(cancellationToken).ConfigureAwait(false);
        var height = index.Tip?.Height ?? -1;
        var snapshot = new RiskSnapshot(height, options.Hops, (UInt128)options.DustThreshold, labelVersion, model?.Version, DateTimeOffset.UtcNow, index.AddressCount);
        var path = StorePath(dataDirectory);
        var why = full ? "asked" : Incremental.Refusal(path, snapshot);
        if (why is null)
        {
            var run = new Incremental(index, roots, seeds, model, options, RiskStore.ReadState(path)!);
            progress?.Report(("plan (incremental)", 0, 1));
            why = run.Plan();
            if (why is null && run.Apply(path, snapshot, progress) is { } summary)
            {
                return summary with { Elapsed = clock.Elapsed };
            }

            why ??= "partial chain";
        }

        var txs = (long)index.TxCount * 2;
        var exposures = ExposurePass.Run(index, seeds.Categories, options, done => progress?.Report(("exposure", done, txs)), roots);
        var features = model is null ? null : FeatureExtractor.Compute(index, roots, exposures);
        var counts = RiskCounts.Empty;
        var rows = new List<(byte[], RiskFacts, int, RiskLevel)>(index.AddressCount);
        progress?.Report(("score", 0, index.AddressCount));
        var scored = Rows(Enumerable.Range(0, index.AddressCount).ToArray(), exposures, roots, seeds, model, features, done => progress?.Report(("score", done, index.AddressCount)));
        foreach (var (a, key) in index.Keys())
        {
            var (facts, score) = scored[a];
            counts = counts.With(facts, score.Level);
            rows.Add((key, facts, score.Score, score.Level));
        }

        var clusters = ClusterFacts(exposures);
        progress?.Report(("write", 0, rows.Count));

        // In key order the table's B-tree is appended to, not split at random pages: several times faster on a large store.
        rows.Sort((x, y) => x.Item1.AsSpan().SequenceCompareTo(y.Item1));
        var state = Incremental.StateOf(index, roots, seeds, options, counts);
        RiskStore.Write(path, snapshot with { Addresses = rows.Count }, rows, clusters, state);
        return RiskRefreshSummary.Of(height, rows.Count, counts, clusters.Count, clock.Elapsed) with
        {
            NotIncremental = full ? null : why,
            Recomputed = rows.Count,
        };
    }

    /// <summary>One address's facts (its model probability and top features included when a model is given) and score.</summary>
    internal static (RiskFacts Facts, RiskScore Score) Row(AddressExposures exposures, int a, int[] roots, LabelSeeds seeds, RiskModel? model, FeatureTable? features)
    {
        var facts = WithModel(FactsOf(exposures, a, roots[a]), model, features, a);
        return (facts, RiskScorer.Score(facts, SeedLabel(seeds, a)));
    }

    /// <summary>An address's facts with the model's probability and top features (either chain's model and features); as they are without a model.</summary>
    internal static RiskFacts WithModel(RiskFacts facts, RiskModel? model, FeatureTable? features, int a)
    {
        if (model is null || features is null)
        {
            return facts;
        }

        var (p, top) = model.Explain(features.Row(a));
        return facts with { ModelProbability = p, TopFeatures = top };
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

    internal static RiskFacts FactsOf(AddressExposures x, int a, long cluster) =>
        ExposureFacts.Of(cluster, (UInt128)x.Received[a], (UInt128)x.Sent[a], x.Amounts[a], x.Categories, x.Discounted[a], x.DiscountedOutputs[a], ExposureFacts.DustReason);

    internal static IReadOnlyList<RiskLabel> SeedLabel(LabelSeeds seeds, int a) =>
        seeds.Categories[a] < 0 ? [] : [new RiskLabel(ExposureCategories.All[seeds.Categories[a]], seeds.Confidence[a], seeds.Texts[a], "labels", false)];

    /// <summary>The clusters the pass computed (of more than one address): value crossing the cluster's boundary (flows between members are not exposure).</summary>
    internal static List<(long, RiskFacts)> ClusterFacts(AddressExposures x)
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
