namespace ChainTrace.Core.Risk;

/// <summary>Direct: one hop from (to) a labelled address; indirect: two or more hops, haircut-weighted.</summary>
public enum ExposureType
{
    Direct = 0,
    Indirect = 1,
}
