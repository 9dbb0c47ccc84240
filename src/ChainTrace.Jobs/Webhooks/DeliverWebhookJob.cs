using System.Text;
using System.Text.Json;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Watchlists;
using ChainTrace.Jobs.Endpoints;
using Hangfire;
using Microsoft.Extensions.Logging;

namespace ChainTrace.Jobs.Webhooks;

/// <summary>
/// Posts one delivery's alert to its watchlist's webhook, signed; a non-2xx answer or no answer throws and Hangfire
/// retries with backoff. A delivery already delivered is not sent again, so a duplicate run does nothing; runs of one
/// delivery hold a distributed lock in the job storage.
/// </summary>
public sealed class DeliverWebhookJob(IWatchlistStore store, WebhookClient client, JobStorage storage, TimeProvider time, ILogger<DeliverWebhookJob> logger)
{
    internal static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    [AutomaticRetry(Attempts = 10, DelaysInSeconds = [1, 2, 5, 15, 60, 300, 900, 1800, 3600, 7200])]
    public async Task RunAsync(string deliveryId, CancellationToken cancellationToken)
    {
        // One attempt per delivery at a time, across processes: a run picked up again after a killed worker's timeout
        // cannot send beside a retry, and it sees a success the other recorded.
        using var connection = storage.GetConnection();
        using var deliveryLock = connection.AcquireDistributedLock($"chaintrace:webhook:{deliveryId}", TimeSpan.FromSeconds(90));
        var delivery = await store.GetDeliveryAsync(deliveryId, cancellationToken).ConfigureAwait(false);
        if (delivery is null || delivery.Status == WebhookDelivery.Delivered)
        {
            return;
        }

        var watchlist = await store.GetWatchlistAsync(delivery.Watchlist, cancellationToken).ConfigureAwait(false);
        var alert = await store.GetAlertAsync(delivery.Alert, cancellationToken).ConfigureAwait(false);
        if (watchlist?.Webhook is not { } webhook || alert is null)
        {
            return;
        }

        var body = JsonSerializer.Serialize(AlertDto.From(alert), Json);
        var now = time.GetUtcNow();
        using var request = new HttpRequestMessage(HttpMethod.Post, webhook.Url) { Content = new StringContent(body, Encoding.UTF8, "application/json") };
        request.Headers.Add(WebhookSignature.DeliveryHeader, delivery.Id);
        request.Headers.Add(WebhookSignature.SignatureHeader, WebhookSignature.Create(webhook.Secret, now.ToUnixTimeSeconds(), body));
        int? status = null;
        try
        {
            using var response = await client.Http.SendAsync(request, cancellationToken).ConfigureAwait(false);
            status = (int)response.StatusCode;
            var delivered = response.IsSuccessStatusCode;
            await store.RecordAttemptAsync(delivery.Id, status, delivered ? null : $"HTTP {status}", delivered, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            if (!delivered)
            {
                throw new HttpRequestException($"webhook {webhook.Url} answered {status} for delivery {delivery.Id}");
            }

            JobLog.Delivered(logger, delivery.Id, alert.Id, status.Value);
        }
        catch (HttpRequestException ex) when (status is null)
        {
            await store.RecordAttemptAsync(delivery.Id, null, ex.Message, false, time.GetUtcNow(), cancellationToken).ConfigureAwait(false);
            throw;
        }
    }
}
