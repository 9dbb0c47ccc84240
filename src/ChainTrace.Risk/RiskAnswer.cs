using ChainTrace.Core.Addresses;
using ChainTrace.Core.Risk;
using ChainTrace.Risk.Storage;

namespace ChainTrace.Risk;

/// <summary>One address's screening answer: its stored facts (null when never seen), labels, score and decision.</summary>
public sealed record RiskAnswer(
    Address Address,
    RiskFacts? Facts,
    IReadOnlyList<RiskLabel> Labels,
    RiskScore Score,
    ScreeningDecision Decision,
    IReadOnlyList<string> DecisionReasons,
    RiskSnapshot? Snapshot)
{
    public bool Seen => Facts is not null;
}
