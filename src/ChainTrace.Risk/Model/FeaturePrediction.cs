namespace ChainTrace.Risk.Model;

/// <summary>ML.NET's output columns of the calibrated binary classifier.</summary>
public sealed class FeaturePrediction
{
    public bool PredictedLabel { get; set; }

    public float Score { get; set; }

    public float Probability { get; set; }
}
