using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.Core.Ports;
using ChainTrace.Index.Account;
using ChainTrace.Index.Service;
using ChainTrace.Index.Utxo;
using ChainTrace.Risk.Exposure;

namespace ChainTrace.Risk.Model;

/// <summary>
/// Honest evaluation against the simulator's truth: entities are split into five folds. Each fold gets its own
/// feature table, computed with that fold's entities' labels withheld from the exposure seeds (before they spread over
/// clusters), so neither an entity's label nor exposure to itself is ever an input; training rows come from their own
/// fold's table too, so the model learns from features made the way test features are. For each fold the model is
/// trained on the other folds and scores the fold's entities; the decision threshold for that fold is chosen by an
/// inner cross-validation on the training folds only (never on the scores it is applied to). One illicit kind is
/// never trained on at all; its entities are scored against the licit ones for <c>unseen_kind_auc</c>. An entity's
/// score is the mean of its addresses' probabilities.
/// </summary>
public static class ModelEvaluation
{
    public const int Folds = 5;
    public const string DefaultUnseenKind = "hacking";

    public static async Task<(ModelMetrics Metrics, IReadOnlyList<FeatureRow> AllRows)> RunAsync(
        string dataDirectory, IStoredBlockFeed store, ILabelStore labels, string truthDirectory, string unseenKind, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var paths = new ReadModelPaths(dataDirectory);
        using var index = UtxoIndex.Open(paths.Btc, store);
        var roots = RiskRefresh.Roots(paths, index);
        var truth = TruthEntities.Load(truthDirectory, index);
        var tables = await FoldTablesAsync(truth, progress, async withheld =>
        {
            var seeds = await LabelSeeds.LoadAsync(labels, index, roots, cancellationToken, withheld).ConfigureAwait(false);
            return FeatureExtractor.Compute(index, roots, ExposurePass.Run(index, seeds.Categories, new ExposureOptions()));
        }).ConfigureAwait(false);
        return Evaluate(truth, tables, unseenKind, progress);
    }

    /// <summary>The evaluation of <paramref name="chain"/>'s model (<see cref="RunAsync(string, IStoredBlockFeed, ILabelStore, string, string, IProgress{string}, CancellationToken)"/> or <see cref="RunEthAsync"/>).</summary>
    public static Task<(ModelMetrics Metrics, IReadOnlyList<FeatureRow> AllRows)> RunAsync(
        Chain chain, string dataDirectory, IStoredBlockFeed store, ILabelStore labels, string truthDirectory, string unseenKind, IProgress<string>? progress, CancellationToken cancellationToken) =>
        chain == Chain.Eth
            ? RunEthAsync(dataDirectory, labels, truthDirectory, unseenKind, progress, cancellationToken)
            : RunAsync(dataDirectory, store, labels, truthDirectory, unseenKind, progress, cancellationToken);

    /// <summary>The same over the Ethereum read model and its accounts (<see cref="EthFeatureExtractor"/>), for the Ethereum model.</summary>
    public static async Task<(ModelMetrics Metrics, IReadOnlyList<FeatureRow> AllRows)> RunEthAsync(
        string dataDirectory, ILabelStore labels, string truthDirectory, string unseenKind, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var paths = new ReadModelPaths(dataDirectory);
        using var index = EthIndex.Open(paths.Eth);
        var roots = EthRiskRefresh.Roots(paths, index.AddressCount);
        var truth = TruthEntities.Load(truthDirectory, index);
        var tables = await FoldTablesAsync(truth, progress, async withheld =>
        {
            var seeds = await LabelSeeds.LoadAsync(labels, index, roots, cancellationToken, withheld).ConfigureAwait(false);
            return EthFeatureExtractor.Compute(index, roots, EthExposurePass.Run(index, seeds.Categories, new ExposureOptions()));
        }).ConfigureAwait(false);
        return Evaluate(truth, tables, unseenKind, progress);
    }

    /// <summary>Each fold's feature table, made by <paramref name="withLabelsWithheld"/> with that fold's entities' addresses withheld from the label seeds.</summary>
    private static async Task<FeatureTable[]> FoldTablesAsync(TruthEntities truth, IProgress<string>? progress, Func<Func<int, bool>, Task<FeatureTable>> withLabelsWithheld)
    {
        var tables = new FeatureTable[Folds];
        for (var fold = 0; fold < Folds; fold++)
        {
            progress?.Report($"features {fold + 1}/{Folds} (fold {fold + 1}'s labels withheld)");
            var f = fold;
            tables[fold] = await withLabelsWithheld(a => truth.EntityOf[a] != 0 && FoldOf(truth.EntityOf[a]) == f).ConfigureAwait(false);
        }

        return tables;
    }

    /// <summary>The folds' training, held-out scoring and metrics over per-fold feature tables (either chain's).</summary>
    private static (ModelMetrics Metrics, IReadOnlyList<FeatureRow> AllRows) Evaluate(TruthEntities truth, FeatureTable[] tables, string unseenKind, IProgress<string>? progress)
    {
        var scored = new Dictionary<int, double>();
        var thresholds = new List<double>();
        int tp = 0, fp = 0, fn = 0;
        for (var fold = 0; fold < Folds; fold++)
        {
            progress?.Report($"fold {fold + 1}/{Folds}");
            var f = fold;
            var trained = (Func<int, bool>)(e => FoldOf(e) != f && truth.Entities[e].Kind != unseenKind);
            var test = Score(truth, tables, Rows(truth, tables, trained), e => FoldOf(e) == f);
            var inner = new List<(double Score, bool Illicit)>();
            for (var g = 0; g < Folds; g++)
            {
                if (g != fold)
                {
                    var h = g;
                    var innerScores = Score(truth, tables, Rows(truth, tables, e => trained(e) && FoldOf(e) != h), e => FoldOf(e) == h && truth.Entities[e].Kind != unseenKind);
                    inner.AddRange(innerScores.Select(s => (s.Value, truth.Entities[s.Key].Illicit)));
                }
            }

            var threshold = BestThreshold(inner).Threshold;
            thresholds.Add(threshold);
            foreach (var (e, score) in test)
            {
                scored[e] = score;
                var (illicit, kind) = truth.Entities[e];
                if (kind != unseenKind)
                {
                    tp += score >= threshold && illicit ? 1 : 0;
                    fp += score >= threshold && !illicit ? 1 : 0;
                    fn += score < threshold && illicit ? 1 : 0;
                }
            }
        }

        var entityScores = scored.Select(s => (Score: s.Value, truth.Entities[s.Key].Illicit, truth.Entities[s.Key].Kind)).ToList();
        var main = entityScores.Where(s => s.Kind != unseenKind).Select(s => (s.Score, s.Illicit)).ToList();
        var unseen = entityScores.Where(s => s.Kind == unseenKind || !s.Illicit).Select(s => (s.Score, s.Illicit)).ToList();
        var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
        var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
        var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        progress?.Report("feature rows of every entity (what a saved model is trained on)");
        var all = Rows(truth, tables, _ => true);
        var metrics = new ModelMetrics("unsaved", ModelTrainer.Auc(main), precision, recall, f1, Math.Round(thresholds.Average(), 2), main.Count, main.Count(m => m.Illicit),
            ModelTrainer.Auc(unseen), unseenKind, all.Count, DateTimeOffset.UtcNow);
        return (metrics, all);
    }

    /// <summary>Trains on <paramref name="train"/> and scores each entity <paramref name="include"/> picks (rows from its own fold's table).</summary>
    private static Dictionary<int, double> Score(TruthEntities truth, FeatureTable[] tables, List<FeatureRow> train, Func<int, bool> include)
    {
        var (ml, model, medians) = ModelTrainer.Train(train);
        using var engine = new RiskModel(ml, model, "eval", medians);
        var sums = new Dictionary<int, (double Sum, int Count)>();
        for (var a = 0; a < truth.EntityOf.Length; a++)
        {
            var e = truth.EntityOf[a];
            if (e != 0 && include(e))
            {
                var (sum, count) = sums.GetValueOrDefault(e);
                sums[e] = (sum + engine.Predict(tables[FoldOf(e)].Row(a)), count + 1);
            }
        }

        return sums.ToDictionary(s => s.Key, s => s.Value.Sum / s.Value.Count);
    }

    /// <summary>An entity's fold, hashed so entities made in a pattern (kind by kind) spread over the folds.</summary>
    public static int FoldOf(int entity) => (int)(((uint)entity * 2654435761u) >> 16) % Folds;

    private static List<FeatureRow> Rows(TruthEntities truth, FeatureTable[] tables, Func<int, bool> include)
    {
        var counts = new Dictionary<int, int>();
        for (var a = 0; a < truth.EntityOf.Length; a++)
        {
            var e = truth.EntityOf[a];
            if (e != 0 && include(e))
            {
                counts[e] = counts.GetValueOrDefault(e) + 1;
            }
        }

        // Each entity weighs the same in total; scaled so the mean row weight is 1 (LightGbm's leaf minimums are in weight).
        var scale = (float)counts.Values.Sum() / Math.Max(1, counts.Count);
        var rows = new List<FeatureRow>();
        for (var a = 0; a < truth.EntityOf.Length; a++)
        {
            var e = truth.EntityOf[a];
            if (e != 0 && counts.TryGetValue(e, out var n))
            {
                rows.Add(new FeatureRow { Features = tables[FoldOf(e)].Row(a), Label = truth.Entities[e].Illicit, Weight = scale / n });
            }
        }

        return rows;
    }

    /// <summary>The threshold (in steps of 0.05) with the best F1 on the scores handed in (inner-fold scores of training entities).</summary>
    private static (double Threshold, double Precision, double Recall, double F1) BestThreshold(IReadOnlyList<(double Score, bool Illicit)> scored)
    {
        var best = (0.5, 0.0, 0.0, 0.0);
        for (var t = 0.05; t < 1; t += 0.05)
        {
            var tp = scored.Count(s => s.Score >= t && s.Illicit);
            var fp = scored.Count(s => s.Score >= t && !s.Illicit);
            var fn = scored.Count(s => s.Score < t && s.Illicit);
            var precision = tp + fp == 0 ? 0 : (double)tp / (tp + fp);
            var recall = tp + fn == 0 ? 0 : (double)tp / (tp + fn);
            var f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            if (f1 > best.Item4)
            {
                best = (Math.Round(t, 2), precision, recall, f1);
            }
        }

        return best;
    }
}
