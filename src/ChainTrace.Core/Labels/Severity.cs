namespace ChainTrace.Core.Labels;

/// <summary>How much a category weighs in risk: a sanctioned entity is severe, an exchange is low.</summary>
public enum Severity : byte
{
    None = 0,
    Low = 1,
    Medium = 2,
    High = 3,
    Severe = 4,
}
