using ChainTrace.Core.Watchlists;

namespace ChainTrace.Jobs.Rules;

/// <summary>
/// One rule kind: what it sees for one subject now, as alerts with their cause keys (<see cref="AlertCause"/>).
/// Evaluating again over the same data gives the same causes; the store keeps the first alert of each.
/// </summary>
public interface IWatchRuleEvaluator
{
    string Kind { get; }

    Task<IReadOnlyList<Alert>> EvaluateAsync(Watchlist watchlist, WatchRule rule, WatchedSubject subject, DateTimeOffset now, CancellationToken cancellationToken);

    /// <summary>
    /// Called once the alerts of one <see cref="EvaluateAsync"/> are stored (raised now or before), so a rule that keeps
    /// state can move it on only past causes that can no longer be lost.
    /// </summary>
    Task StoredAsync(Watchlist watchlist, WatchedSubject subject, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken) => Task.CompletedTask;
}
