using ChainTrace.Api.Screening;
using ChainTrace.Core.Watchlists;

namespace ChainTrace.Jobs.Rules;

/// <summary>
/// <c>score-above</c>: a watched address whose risk score (the screening answer: stored exposure from
/// <c>refresh-risk</c>, current labels, the model) exceeds the rule's value; once per address and threshold.
/// </summary>
public sealed class ScoreAboveRule(RiskLookup risk) : IWatchRuleEvaluator
{
    public string Kind => WatchRule.ScoreAbove;

    public async Task<IReadOnlyList<Alert>> EvaluateAsync(Watchlist watchlist, WatchRule rule, WatchedSubject subject, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watchlist);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(subject);
        var threshold = rule.Value ?? 75;
        var alerts = new List<Alert>();
        foreach (var address in subject.Addresses)
        {
            if (await risk.AnswerAsync(address, cancellationToken).ConfigureAwait(false) is { } answer && answer.Score.Score > threshold)
            {
                var reasons = string.Join("; ", answer.Score.Reasons.Select(r => r.ToString()));
                alerts.Add(new Alert(0, watchlist.Id, Kind, AlertCause.ScoreAbove(address, threshold), [], "0", $"score {answer.Score.Score} ({answer.Score.Level}): {reasons}", now));
            }
        }

        return alerts;
    }
}
