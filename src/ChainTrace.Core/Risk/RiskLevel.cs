namespace ChainTrace.Core.Risk;

/// <summary>The level a score falls in, as the commercial screening tools name them.</summary>
public enum RiskLevel
{
    Low = 0,
    Medium = 1,
    High = 2,
    Severe = 3,
}
