using ChainTrace.Api.Problems;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Watchlists;
using ChainTrace.Jobs.Jobs;
using ChainTrace.Jobs.Webhooks;

namespace ChainTrace.Jobs.Endpoints;

/// <summary>Validates a <see cref="CreateWatchlistRequest"/>: every field checked, the first error returned with a stable code.</summary>
internal static class WatchlistParser
{
    public const string UnknownRule = "unknown-rule";
    public const string InvalidWebhook = "invalid-webhook-url";

    public static (Watchlist? Watchlist, LookupError? Error) Parse(CreateWatchlistRequest request, Network network, bool allowPrivateNetworks, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(request.Name))
        {
            return Fail(LookupErrors.BadParameter("name", "a watchlist needs a name"));
        }

        Chain chain;
        try
        {
            chain = ChainCodes.Parse(request.Chain ?? "");
        }
        catch (UnknownChainException error)
        {
            return Fail(LookupErrors.UnknownChain(error));
        }

        if (request.Subjects is not { Count: > 0 } subjects)
        {
            return Fail(LookupErrors.BadParameter("subjects", "give at least one address or cluster:<id>"));
        }

        var canonical = new List<string>();
        foreach (var subject in subjects)
        {
            if (subject?.StartsWith(WatchlistSubjects.ClusterPrefix, StringComparison.Ordinal) == true && subject.Length > WatchlistSubjects.ClusterPrefix.Length)
            {
                canonical.Add(subject);
                continue;
            }

            try
            {
                canonical.Add(Address.Parse(chain, subject ?? "", network).ToString()!);
            }
            catch (AddressFormatException error)
            {
                return Fail(LookupErrors.InvalidAddress(error));
            }
        }

        if (request.Rules is not { Count: > 0 } rules)
        {
            return Fail(LookupErrors.BadParameter("rules", "give at least one rule"));
        }

        var parsed = new List<WatchRule>();
        foreach (var rule in rules)
        {
            if (rule?.Kind is not { } kind || !WatchRule.Kinds.Contains(kind))
            {
                return Fail(new LookupError(400, UnknownRule, "Unknown rule", $"'{rule?.Kind}' is not a rule: expected {string.Join(", ", WatchRule.Kinds)}", "rules"));
            }

            if (kind == WatchRule.Reaches && rule.Hops is < 1 or > 10)
            {
                return Fail(LookupErrors.BadParameter("hops", "hops is 1 to 10"));
            }

            if (kind == WatchRule.ScoreAbove && rule.Value is not (>= 0 and <= 100))
            {
                return Fail(LookupErrors.BadParameter("value", "score-above needs a value from 0 to 100"));
            }

            parsed.Add(kind switch
            {
                WatchRule.Reaches => new WatchRule(kind, rule.Category ?? "exchange", rule.Hops ?? 3),
                WatchRule.ScoreAbove => new WatchRule(kind, Value: rule.Value),
                _ => new WatchRule(kind),
            });
        }

        WebhookTarget? webhook = null;
        if (request.Webhook is { } hook)
        {
            if (OutboundUrlPolicy.Check(hook.Url, allowPrivateNetworks) is { } why)
            {
                return Fail(new LookupError(400, InvalidWebhook, "Invalid webhook URL", why, "webhook.url"));
            }

            if (string.IsNullOrEmpty(hook.Secret) || hook.Secret.Length < 16)
            {
                return Fail(LookupErrors.BadParameter("webhook.secret", "the webhook secret is at least 16 characters"));
            }

            webhook = new WebhookTarget(new Uri(hook.Url!), hook.Secret);
        }

        var id = "wl_" + Guid.NewGuid().ToString("N")[..16];
        return (new Watchlist(id, request.Name.Trim(), chain, canonical, parsed, webhook, now), null);
    }

    private static (Watchlist?, LookupError?) Fail(LookupError error) => (null, error);
}
