namespace ChainTrace.Core.Risk;

/// <summary>A score 0–100, its level, and every reason that contributed (the strongest first).</summary>
/// <param name="LowConfidenceOnly">The score's top reason is a label whose confidence is below the policy's minimum.</param>
public sealed record RiskScore(int Score, RiskLevel Level, IReadOnlyList<RiskReason> Reasons, bool LowConfidenceOnly);
