using ChainTrace.Core.Chains;
using Microsoft.ML;
using Microsoft.ML.Trainers.LightGbm;

namespace ChainTrace.Risk.Model;

/// <summary>LightGbm binary classifier over <see cref="FeatureRow"/>s (weighted so each entity counts once), seeded for repeatability.</summary>
public static class ModelTrainer
{
    /// <summary>
    /// Trains on every row (the held-out evaluation that gave <paramref name="heldOut"/> is done) and saves the model
    /// as the chain's next version, with those metrics beside it; returns its directory.
    /// </summary>
    public static string TrainAndSave(string dataDirectory, IReadOnlyList<FeatureRow> rows, ModelMetrics heldOut, Chain chain = Chain.Btc)
    {
        ArgumentNullException.ThrowIfNull(heldOut);
        var (ml, model, medians) = Train(rows);
        return RiskModelFiles.Save(dataDirectory, ml, model, medians, version => heldOut with { Version = version }, chain);
    }

    public static (MLContext Ml, ITransformer Model, float[] Medians) Train(IReadOnlyList<FeatureRow> rows)
    {
        ArgumentNullException.ThrowIfNull(rows);
        if (rows.Count == 0 || rows.All(r => r.Label) || rows.All(r => !r.Label))
        {
            throw new InvalidOperationException("training needs both illicit and licit rows");
        }

        var ml = new MLContext(seed: 1);
        var data = ml.Data.LoadFromEnumerable(rows);
        var trainer = ml.BinaryClassification.Trainers.LightGbm(new LightGbmBinaryTrainer.Options
        {
            LabelColumnName = nameof(FeatureRow.Label),
            FeatureColumnName = nameof(FeatureRow.Features),
            ExampleWeightColumnName = nameof(FeatureRow.Weight),
            NumberOfLeaves = 31,
            NumberOfIterations = 150,
            MinimumExampleCountPerLeaf = 10,
            LearningRate = 0.1,
            Seed = 1,
            NumberOfThreads = 1,
            Silent = true,
        });
        var model = trainer.Fit(data);
        var medians = new float[FeatureRow.Width];
        for (var f = 0; f < FeatureRow.Width; f++)
        {
            var column = rows.Select(r => r.Features[f]).Order().ToList();
            medians[f] = column[column.Count / 2];
        }

        return (ml, model, medians);
    }

    /// <summary>Area under the ROC curve (ties count half): the chance an illicit example outscores a licit one.</summary>
    public static double Auc(IReadOnlyList<(double Score, bool Illicit)> scored)
    {
        ArgumentNullException.ThrowIfNull(scored);
        var ordered = scored.OrderBy(s => s.Score).ToList();
        double rankSum = 0;
        var positives = 0;
        for (var i = 0; i < ordered.Count;)
        {
            var j = i;
            while (j < ordered.Count && ordered[j].Score == ordered[i].Score)
            {
                j++;
            }

            var rank = (i + j + 1) / 2.0;
            for (var t = i; t < j; t++)
            {
                if (ordered[t].Illicit)
                {
                    rankSum += rank;
                    positives++;
                }
            }

            i = j;
        }

        var negatives = ordered.Count - positives;
        return positives == 0 || negatives == 0 ? double.NaN : (rankSum - (positives * (positives + 1) / 2.0)) / ((double)positives * negatives);
    }
}
