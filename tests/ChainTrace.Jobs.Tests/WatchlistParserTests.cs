using ChainTrace.Core.Chains;
using ChainTrace.Jobs.Endpoints;

namespace ChainTrace.Jobs.Tests;

/// <summary>Bad watchlists are refused with the problem code the API answers (400).</summary>
public sealed class WatchlistParserTests
{
    private const string Address = "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa";
    private static readonly RuleRequest Outgoing = new("outgoing", null, null, null);

    [Fact]
    public void UnknownRule_MalformedAddress_NonHttpWebhook_UnknownChain_AreRefusedWithTheirCodes()
    {
        Assert.Equal("unknown-rule", Code(Request(rules: [new RuleRequest("moon-phase", null, null, null)])));
        Assert.Equal("invalid-address", Code(Request(subjects: ["1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb"])));
        Assert.Equal("invalid-webhook-url", Code(Request(webhook: new WebhookRequest("ftp://hooks.example.com/x", "0123456789abcdef"))));
        Assert.Equal("invalid-webhook-url", Code(Request(webhook: new WebhookRequest("http://127.0.0.1:9/x", "0123456789abcdef"))));
        Assert.Equal("invalid-parameter", Code(Request(webhook: new WebhookRequest("https://hooks.example.com/x", "short"))));
        Assert.Equal("invalid-parameter", Code(Request(rules: [new RuleRequest("reaches", "exchange", 0, null)])));
        Assert.Equal("unknown-chain", Code(Request() with { Chain = "doge" }));
    }

    [Fact]
    public void GoodWatchlist_IsCanonical_WithRuleDefaults()
    {
        var (watchlist, error) = WatchlistParser.Parse(
            Request(subjects: [Address, "cluster:42"], rules: [Outgoing, new RuleRequest("reaches", null, null, null), new RuleRequest("score-above", null, null, 75), new RuleRequest("cluster-grows", null, null, null)]),
            Network.Main, allowPrivateNetworks: false, DateTimeOffset.UnixEpoch);
        Assert.Null(error);
        Assert.Equal([Address, "cluster:42"], watchlist!.Subjects);
        Assert.Equal(("exchange", 3), (watchlist.Rules[1].Category, watchlist.Rules[1].Hops));
        Assert.Equal(75, watchlist.Rules[2].Value);
        Assert.Equal(new Core.Watchlists.WatchRule("cluster-grows"), watchlist.Rules[3]);
        Assert.StartsWith("wl_", watchlist.Id, StringComparison.Ordinal);
    }

    private static string? Code(CreateWatchlistRequest request) =>
        WatchlistParser.Parse(request, Network.Main, allowPrivateNetworks: false, DateTimeOffset.UnixEpoch).Error?.Code;

    private static CreateWatchlistRequest Request(IReadOnlyList<string>? subjects = null, IReadOnlyList<RuleRequest>? rules = null, WebhookRequest? webhook = null) =>
        new("w", "btc", subjects ?? [Address], rules ?? [Outgoing], webhook);
}
