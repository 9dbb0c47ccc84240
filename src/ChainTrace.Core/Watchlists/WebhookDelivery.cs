namespace ChainTrace.Core.Watchlists;

/// <summary>
/// One webhook delivery of one alert. <see cref="Id"/> is fixed when the alert is raised and sent on every attempt
/// (<c>ChainTrace-Delivery</c>), so a receiver de-duplicates on it. Status: pending, delivered, failed.
/// </summary>
public sealed record WebhookDelivery(
    string Id,
    string Watchlist,
    long Alert,
    string Status,
    int Attempts,
    int? LastStatusCode,
    string? LastError,
    DateTimeOffset CreatedAt,
    DateTimeOffset? DeliveredAt)
{
    public const string Pending = "pending";
    public const string Delivered = "delivered";
    public const string Failed = "failed";
}
