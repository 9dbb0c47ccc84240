namespace ChainTrace.Core.Watchlists;

/// <summary>Where a watchlist's alerts are posted, and the secret their HMAC-SHA256 signature is made with.</summary>
public sealed record WebhookTarget(Uri Url, string Secret);
