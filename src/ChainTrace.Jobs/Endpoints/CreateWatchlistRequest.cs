namespace ChainTrace.Jobs.Endpoints;

/// <summary>The body of <c>POST /v1/watchlists</c>.</summary>
public sealed record CreateWatchlistRequest(string? Name, string? Chain, IReadOnlyList<string>? Subjects, IReadOnlyList<RuleRequest>? Rules, WebhookRequest? Webhook);

public sealed record RuleRequest(string? Kind, string? Category, int? Hops, double? Value);

public sealed record WebhookRequest(string? Url, string? Secret);
