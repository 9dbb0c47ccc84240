using ChainTrace.Core.Watchlists;

namespace ChainTrace.Jobs.Endpoints;

/// <summary>A watchlist as the API answers it: the webhook's URL, never its secret.</summary>
public sealed record WatchlistDto(string Id, string Name, string Chain, IReadOnlyList<string> Subjects, IReadOnlyList<WatchRule> Rules, WatchlistWebhookDto? Webhook, DateTimeOffset CreatedAt)
{
    public static WatchlistDto From(Watchlist w)
    {
        ArgumentNullException.ThrowIfNull(w);
        return new WatchlistDto(w.Id, w.Name, w.Chain.ToString().ToLowerInvariant(), w.Subjects, w.Rules, w.Webhook is null ? null : new WatchlistWebhookDto(w.Webhook.Url.ToString()), w.CreatedAt);
    }
}

public sealed record WatchlistWebhookDto(string Url);
