namespace ChainTrace.Core.Labels;

/// <summary>How much a label is trusted: a name of the TagPack confidence list and its level (0–100).</summary>
public readonly record struct Confidence(string Id, int Level)
{
    public override string ToString() => $"{Id} ({Level})";
}
