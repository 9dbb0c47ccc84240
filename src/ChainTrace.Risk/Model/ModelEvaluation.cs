using ChainTrace.Core.Labels;
using ChainTrace.Index.Service;
using ChainTrace.Index.Utxo;
using ChainTrace.Risk.Exposure;

namespace ChainTrace.Risk.Model;

/// <summary>
/// Honest evaluation against the simulator's truth: entities are split into five folds; for each fold the model is
/// trained on the other folds and scores the fold's entities, whose features are computed with their own labels
/// removed from the exposure seeds (so neither their label nor exposure to themselves is an input). One illicit kind
/// is never trained on at all; its entities are scored against the licit ones for <c>unseen_kind_auc</c>. An
/// entity's score is the mean of its addresses' probabilities.
/// </summary>
public static class ModelEvaluation
{
    public const int Folds = 5;
    public const string DefaultUnseenKind = "hacking";

    public static async Task<(ModelMetrics Metrics, IReadOnlyList<FeatureRow> AllRows)> RunAsync(
        string dataDirectory, ILabelStore labels, string truthDirectory, string unseenKind, IProgress<string>? progress, CancellationToken cancellationToken)
    {
        var paths = new ReadModelPaths(dataDirectory);
        using var index = UtxoIndex.Open(paths.Btc);
        var roots = RiskRefresh.Roots(paths, index);
        var seeds = await LabelSeeds.LoadAsync(labels, index, roots, cancellationToken).ConfigureAwait(false);
        var truth = TruthEntities.Load(truthDirectory, index);
        var options = new ExposureOptions();
        var scored = new Dictionary<int, List<double>>();
        for (var fold = 0; fold < Folds; fold++)
        {
            progress?.Report($"fold {fold + 1}/{Folds}");
            var foldSeeds = (int[])seeds.Categories.Clone();
            for (var a = 0; a < foldSeeds.Length; a++)
            {
                if (truth.EntityOf[a] != 0 && FoldOf(truth.EntityOf[a]) == fold)
                {
                    foldSeeds[a] = -1;
                }
            }

            var features = FeatureExtractor.Compute(index, roots, ExposurePass.Run(index, foldSeeds, options));
            var train = Rows(truth, features, e => FoldOf(e) != fold && truth.Entities[e].Kind != unseenKind);
            var (ml, model, medians) = ModelTrainer.Train(train);
            using var engine = new RiskModel(ml, model, "eval", medians);
            for (var a = 0; a < index.AddressCount; a++)
            {
                var e = truth.EntityOf[a];
                if (e != 0 && FoldOf(e) == fold)
                {
                    (scored.TryGetValue(e, out var list) ? list : scored[e] = []).Add(engine.Predict(features.Row(a)));
                }
            }
        }

        var entityScores = scored.Select(s => (Score: s.Value.Average(), truth.Entities[s.Key].Illicit, truth.Entities[s.Key].Kind)).ToList();
        var main = entityScores.Where(s => s.Kind != unseenKind).Select(s => (s.Score, s.Illicit)).ToList();
        var unseen = entityScores.Where(s => s.Kind == unseenKind || !s.Illicit).Select(s => (s.Score, s.Illicit)).ToList();
        var (threshold, precision, recall, f1) = BestThreshold(main);
        progress?.Report("final model on every entity");
        var all = Rows(truth, FeatureExtractor.Compute(index, roots, ExposurePass.Run(index, seeds.Categories, options)), _ => true);
        var metrics = new ModelMetrics("unsaved", ModelTrainer.Auc(main), precision, recall, f1, threshold, main.Count, main.Count(m => m.Illicit),
            ModelTrainer.Auc(unseen), unseenKind, all.Count, DateTimeOffset.UtcNow);
        return (metrics, all);
    }

    /// <summary>An entity's fold, hashed so entities made in a pattern (kind by kind) spread over the folds.</summary>
    public static int FoldOf(int entity) => (int)(((uint)entity * 2654435761u) >> 16) % Folds;

    private static List<FeatureRow> Rows(TruthEntities truth, FeatureTable features, Func<int, bool> include)
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
                rows.Add(new FeatureRow { Features = features.Row(a), Label = truth.Entities[e].Illicit, Weight = scale / n });
            }
        }

        return rows;
    }

    /// <summary>The threshold (in steps of 0.05) with the best F1 on the held-out entity scores.</summary>
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
