using ChainTrace.Core.Watchlists;

namespace ChainTrace.Jobs.Endpoints;

public sealed record DeliveryDto(string Id, long Alert, string Status, int Attempts, int? LastStatusCode, string? LastError, DateTimeOffset CreatedAt, DateTimeOffset? DeliveredAt)
{
    public static DeliveryDto From(WebhookDelivery d)
    {
        ArgumentNullException.ThrowIfNull(d);
        return new DeliveryDto(d.Id, d.Alert, d.Status, d.Attempts, d.LastStatusCode, d.LastError, d.CreatedAt, d.DeliveredAt);
    }
}
