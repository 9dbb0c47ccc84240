using ChainTrace.Core.Chains;

namespace ChainTrace.Core.Watchlists;

/// <summary>Subjects are canonical address text or <c>cluster:&lt;id&gt;</c>.</summary>
public sealed record Watchlist(
    string Id,
    string Name,
    Chain Chain,
    IReadOnlyList<string> Subjects,
    IReadOnlyList<WatchRule> Rules,
    WebhookTarget? Webhook,
    DateTimeOffset CreatedAt);
