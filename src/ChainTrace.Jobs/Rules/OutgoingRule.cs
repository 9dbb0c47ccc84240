using ChainTrace.Core.Ports;
using ChainTrace.Core.Watchlists;

namespace ChainTrace.Jobs.Rules;

/// <summary><c>outgoing</c>: every transaction spending from a watched address (a cluster's members included).</summary>
public sealed class OutgoingRule(IAddressActivityReader activity) : IWatchRuleEvaluator
{
    public string Kind => WatchRule.Outgoing;

    public async Task<IReadOnlyList<Alert>> EvaluateAsync(Watchlist watchlist, WatchRule rule, WatchedSubject subject, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watchlist);
        ArgumentNullException.ThrowIfNull(subject);
        var alerts = new List<Alert>();
        foreach (var address in subject.Addresses)
        {
            foreach (var movement in await activity.GetOutgoingAsync(address, cancellationToken).ConfigureAwait(false))
            {
                var entity = subject.Text == address.ToString() ? null : subject.Text;
                alerts.Add(new Alert(0, watchlist.Id, Kind, AlertCause.Outgoing(address, movement.TxId), [movement.TxId.ToString()], movement.Amount.ToString(), entity, now));
            }
        }

        return alerts;
    }
}
