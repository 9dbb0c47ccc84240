namespace ChainTrace.Jobs.Webhooks;

/// <summary>The one outbound HTTP client of the webhook deliveries (a singleton, so connections are pooled).</summary>
public sealed class WebhookClient(bool allowPrivateNetworks) : IDisposable
{
    public HttpClient Http { get; } = WebhookHttpClientFactory.Create(allowPrivateNetworks);

    public void Dispose() => Http.Dispose();
}
