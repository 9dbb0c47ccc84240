using ChainTrace.Core.Addresses;
using ChainTrace.Core.Risk;
using ChainTrace.Risk.Storage;

namespace ChainTrace.Risk;

/// <summary>
/// One address's screening answer: its stored facts (null when the refresh holds none), labels, score and decision.
/// <see cref="StoredTransactions"/> counts the store's transactions of an address without facts (an Ethereum address
/// that only made calls moving no value): it has history, just no exposure.
/// </summary>
public sealed record RiskAnswer(
    Address Address,
    RiskFacts? Facts,
    IReadOnlyList<RiskLabel> Labels,
    RiskScore Score,
    ScreeningDecision Decision,
    IReadOnlyList<string> DecisionReasons,
    RiskSnapshot? Snapshot)
{
    public long StoredTransactions { get; init; }

    public bool Seen => Facts is not null || StoredTransactions > 0;
}
