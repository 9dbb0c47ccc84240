namespace ChainTrace.Core.Risk;

/// <summary>Why a score is what it is: a stable code, the category, the points it gave and a sentence.</summary>
/// <param name="Code"><c>label</c>, <c>exposure</c>, <c>model</c> or <c>dust_discounted</c>.</param>
public sealed record RiskReason(string Code, string? Category, int Points, string Detail);
