namespace ChainTrace.Risk.Model;

/// <summary>Model inputs of every address id: <see cref="FeatureExtractor.Names"/> columns, row-major.</summary>
public sealed class FeatureTable(int rows)
{
    public int Rows { get; } = rows;

    public float[] Values { get; } = new float[rows * FeatureExtractor.Names.Count];

    public float[] Row(int address) => Values.AsSpan(address * FeatureExtractor.Names.Count, FeatureExtractor.Names.Count).ToArray();
}
