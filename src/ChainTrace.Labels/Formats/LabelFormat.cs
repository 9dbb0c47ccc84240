namespace ChainTrace.Labels.Formats;

/// <summary>The label file formats ChainTrace reads. The lower-case name is what <c>--format</c> takes.</summary>
public enum LabelFormat : byte
{
    TagPack = 1,
    ActorPack = 2,
    Ofac = 3,
    Etherscan = 4,
    Csv = 5,
}
