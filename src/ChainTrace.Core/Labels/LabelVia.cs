namespace ChainTrace.Core.Labels;

/// <summary>Why a label applies to an address: it names the address, or it names (or defines) the address's cluster.</summary>
public enum LabelVia : byte
{
    Address = 1,
    Cluster = 2,
}
