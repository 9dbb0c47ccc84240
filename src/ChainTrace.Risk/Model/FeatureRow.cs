using Microsoft.ML.Data;

namespace ChainTrace.Risk.Model;

/// <summary>One training or scoring row for ML.NET.</summary>
public sealed class FeatureRow
{
    public const int Width = 20;

    [VectorType(Width)]
    public float[] Features { get; set; } = new float[Width];

    public bool Label { get; set; }

    public float Weight { get; set; } = 1;
}
