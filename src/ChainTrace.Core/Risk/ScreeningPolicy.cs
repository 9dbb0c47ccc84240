namespace ChainTrace.Core.Risk;

/// <summary>
/// Turns a score into allow / review / block: by level (<see cref="BlockAt"/>, <see cref="ReviewAt"/>) and by
/// per-category thresholds (<see cref="Rules"/>); the strictest wins. A block that rests only on a low-confidence
/// label becomes a review.
/// </summary>
public sealed record ScreeningPolicy
{
    public RiskLevel BlockAt { get; init; } = RiskLevel.Severe;

    public RiskLevel ReviewAt { get; init; } = RiskLevel.High;

    public IReadOnlyList<ScreeningRule> Rules { get; init; } =
    [
        new("sanction", ExposureType.Direct, null, 0.05, ScreeningDecision.Review),
        new("ransomware", ExposureType.Direct, null, 0.10, ScreeningDecision.Review),
        new("mixing_service", ExposureType.Direct, ExposureDirection.Incoming, 0.25, ScreeningDecision.Review),
    ];

    public static ScreeningPolicy Default { get; } = new();

    /// <summary>The decision and the policy's own reasons for it.</summary>
    public (ScreeningDecision Decision, IReadOnlyList<string> Why) Decide(RiskScore score, RiskFacts facts)
    {
        ArgumentNullException.ThrowIfNull(score);
        ArgumentNullException.ThrowIfNull(facts);
        var why = new List<string>();
        var decision = ScreeningDecision.Allow;
        if (score.Level >= BlockAt)
        {
            decision = ScreeningDecision.Block;
            why.Add($"level {score.Level.ToString().ToLowerInvariant()} is at or above the block level");
        }
        else if (score.Level >= ReviewAt)
        {
            decision = ScreeningDecision.Review;
            why.Add($"level {score.Level.ToString().ToLowerInvariant()} is at or above the review level");
        }

        foreach (var rule in Rules)
        {
            var hit = facts.Exposures.FirstOrDefault(e =>
                string.Equals(e.Category, rule.Category, StringComparison.Ordinal) &&
                (rule.Type is null || rule.Type == e.Type) &&
                (rule.Direction is null || rule.Direction == e.Direction) &&
                e.Share >= rule.MinShare);
            if (hit is not null && rule.Decision > decision)
            {
                decision = rule.Decision;
                why.Add($"{rule.Category} exposure {hit.Share:P1} reaches the policy threshold {rule.MinShare:P1}");
            }
        }

        if (decision == ScreeningDecision.Block && score.LowConfidenceOnly)
        {
            decision = ScreeningDecision.Review;
            why.Add("the block would rest only on a low-confidence label: review instead");
        }

        return (decision, why);
    }
}
