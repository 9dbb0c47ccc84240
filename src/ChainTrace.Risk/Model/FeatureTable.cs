namespace ChainTrace.Risk.Model;

/// <summary>Model inputs of every address id: <see cref="FeatureRow.Width"/> columns (a chain's extractor's names), row-major.</summary>
public sealed class FeatureTable(int rows)
{
    public int Rows { get; } = rows;

    public float[] Values { get; } = new float[rows * FeatureRow.Width];

    public float[] Row(int address) => Values.AsSpan(address * FeatureRow.Width, FeatureRow.Width).ToArray();
}
