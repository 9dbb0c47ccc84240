using ChainTrace.Core.Watchlists;

namespace ChainTrace.Core.Ports;

/// <summary>App state: watchlists, the alerts they raised (one per watchlist and cause) and webhook deliveries.</summary>
public interface IWatchlistStore
{
    Task AddWatchlistAsync(Watchlist watchlist, CancellationToken cancellationToken);

    Task<Watchlist?> GetWatchlistAsync(string id, CancellationToken cancellationToken);

    Task<IReadOnlyList<Watchlist>> ListWatchlistsAsync(CancellationToken cancellationToken);

    /// <summary>
    /// Stores the alert (its <see cref="Alert.Id"/> is ignored) and, when <paramref name="deliveryId"/> is given, its
    /// pending delivery, in one transaction. Null (nothing stored) when the watchlist already has an alert of that cause.
    /// </summary>
    Task<Alert?> TryRaiseAsync(Alert alert, string? deliveryId, CancellationToken cancellationToken);

    /// <summary>Alerts oldest first, after the alert id <paramref name="after"/>, of one watchlist or all.</summary>
    Task<IReadOnlyList<Alert>> ListAlertsAsync(string? watchlist, long after, int limit, CancellationToken cancellationToken);

    Task<Alert?> GetAlertAsync(long id, CancellationToken cancellationToken);

    Task<IReadOnlyList<WebhookDelivery>> ListDeliveriesAsync(string watchlist, CancellationToken cancellationToken);

    Task<WebhookDelivery?> GetDeliveryAsync(string id, CancellationToken cancellationToken);

    /// <summary>Records one attempt: its HTTP status (null when no answer) or failure, and whether it delivered.</summary>
    Task RecordAttemptAsync(string deliveryId, int? statusCode, string? failure, bool delivered, DateTimeOffset at, CancellationToken cancellationToken);

    /// <summary>Deliveries still pending (raised, not yet delivered nor given up), oldest first.</summary>
    Task<IReadOnlyList<WebhookDelivery>> ListPendingDeliveriesAsync(CancellationToken cancellationToken);

    /// <summary>
    /// The <c>cluster-grows</c> baseline of one watched subject (as written: an address or <c>cluster:&lt;id&gt;</c>): the
    /// member addresses already known; null when none was recorded yet (an empty set is a recorded empty baseline).
    /// </summary>
    Task<IReadOnlySet<string>?> GetClusterMembersAsync(string watchlist, string subject, CancellationToken cancellationToken);

    /// <summary>Records the subject's baseline (if not yet) and adds <paramref name="addresses"/> to it, in one transaction; members already known are kept.</summary>
    Task AddClusterMembersAsync(string watchlist, string subject, IReadOnlyCollection<string> addresses, CancellationToken cancellationToken);
}
