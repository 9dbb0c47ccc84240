using System.Text.Json;

namespace ChainTrace.Core.Watchlists;

/// <summary>
/// How every app-state adapter stores a watchlist's subjects, rules and webhook (one JSON document column) and an
/// alert's transactions (a JSON array), so the SQLite and PostgreSQL rows hold the same text.
/// </summary>
public static class WatchlistJson
{
    public static string Body(Watchlist watchlist)
    {
        ArgumentNullException.ThrowIfNull(watchlist);
        return JsonSerializer.Serialize(new WatchlistBody(watchlist.Subjects, watchlist.Rules, watchlist.Webhook?.Url.ToString(), watchlist.Webhook?.Secret));
    }

    public static Watchlist Read(string id, string name, string chain, string body, DateTimeOffset createdAt)
    {
        var parsed = JsonSerializer.Deserialize<WatchlistBody>(body) ?? throw new FormatException($"watchlist {id}: empty body");
        var webhook = parsed.WebhookUrl is null ? null : new WebhookTarget(new Uri(parsed.WebhookUrl), parsed.WebhookSecret!);
        return new Watchlist(id, name, Enum.Parse<Chains.Chain>(chain, ignoreCase: true), parsed.Subjects, parsed.Rules, webhook, createdAt);
    }

    public static string ChainCode(Watchlist watchlist)
    {
        ArgumentNullException.ThrowIfNull(watchlist);
        return watchlist.Chain.ToString().ToLowerInvariant();
    }

    public static string Txs(IReadOnlyList<string> txs) => JsonSerializer.Serialize(txs);

    public static IReadOnlyList<string> ReadTxs(string json) => JsonSerializer.Deserialize<string[]>(json) ?? [];

    private sealed record WatchlistBody(IReadOnlyList<string> Subjects, IReadOnlyList<WatchRule> Rules, string? WebhookUrl, string? WebhookSecret);
}
