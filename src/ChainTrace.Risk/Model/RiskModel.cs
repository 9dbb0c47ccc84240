using ChainTrace.Core.Risk;
using Microsoft.ML;

namespace ChainTrace.Risk.Model;

/// <summary>
/// A trained LightGbm illicit/licit classifier with its version and the training medians its explanations compare
/// against: a feature's contribution is how much the probability drops when that feature alone is set to the
/// median of the training rows. Not thread-safe (one ML.NET prediction engine): another thread uses a <see cref="Fork"/>.
/// </summary>
public sealed class RiskModel : IDisposable
{
    private readonly MLContext _ml;
    private readonly PredictionEngine<FeatureRow, FeaturePrediction> _engine;
    private readonly FeatureRow _row = new();

    public RiskModel(MLContext ml, ITransformer transformer, string version, float[] medians, IReadOnlyList<string>? featureNames = null)
    {
        ArgumentNullException.ThrowIfNull(ml);
        _ml = ml;
        FeatureNames = featureNames ?? FeatureExtractor.Names;
        Transformer = transformer;
        Version = version;
        Medians = medians;
        _engine = ml.Model.CreatePredictionEngine<FeatureRow, FeaturePrediction>(transformer);
    }

    public ITransformer Transformer { get; }

    /// <summary>What each input column is (the chain's feature extractor's names), for explanations.</summary>
    public IReadOnlyList<string> FeatureNames { get; }

    public string Version { get; }

    public float[] Medians { get; }

    /// <summary>Explanations are computed for probabilities at or above this (below it nothing pushes the score up much).</summary>
    public double ExplainFrom { get; init; } = 0.2;

    /// <summary>The same model with a prediction engine of its own, for another thread (the caller disposes it).</summary>
    public RiskModel Fork() => new(_ml, Transformer, Version, Medians, FeatureNames) { ExplainFrom = ExplainFrom };

    public double Predict(float[] features)
    {
        ArgumentNullException.ThrowIfNull(features);
        features.CopyTo(_row.Features, 0);
        return _engine.Predict(_row).Probability;
    }

    /// <summary>The probability and the (at most three) features that pushed it up most, with their values.</summary>
    public (double Probability, IReadOnlyList<FeatureContribution> Top) Explain(float[] features)
    {
        var p = Predict(features);
        if (p < ExplainFrom)
        {
            return (Math.Round(p, 6), []);
        }

        var contributions = new List<FeatureContribution>();
        var probe = (float[])features.Clone();
        for (var f = 0; f < features.Length; f++)
        {
            if (features[f] == Medians[f])
            {
                continue; // setting it to the median changes nothing: no contribution
            }

            probe[f] = Medians[f];
            var without = Predict(probe);
            probe[f] = features[f];
            if (p - without > 0.001)
            {
                contributions.Add(new FeatureContribution(FeatureNames[f], Math.Round(features[f], 4), Math.Round(p - without, 4)));
            }
        }

        return (Math.Round(p, 6), contributions.OrderByDescending(c => c.Contribution).Take(3).ToList());
    }

    public void Dispose() => _engine.Dispose();
}
