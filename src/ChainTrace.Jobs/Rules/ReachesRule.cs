using System.Text.Json;
using ChainTrace.Core.Watchlists;
using ChainTrace.Core.Tracing;

namespace ChainTrace.Jobs.Rules;

/// <summary>
/// <c>reaches</c>: a forward haircut trace from the subject (address or <c>cluster:&lt;id&gt;</c>), up to the rule's hops,
/// stopping at the rule's category; one alert per entity of that category reached, with the amount that reached it and
/// the transactions that paid it. Chains the tracing engine does not trace (Ethereum today) give nothing.
/// </summary>
public sealed class ReachesRule(ITraceRunner traces) : IWatchRuleEvaluator
{
    public string Kind => WatchRule.Reaches;

    public async Task<IReadOnlyList<Alert>> EvaluateAsync(Watchlist watchlist, WatchRule rule, WatchedSubject subject, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watchlist);
        ArgumentNullException.ThrowIfNull(rule);
        ArgumentNullException.ThrowIfNull(subject);
        var category = rule.Category ?? "exchange";
        var answer = await traces.TraceAsync(
            new TraceRequest
            {
                Chain = WatchlistJson.ChainCode(watchlist),
                Start = subject.Text,
                Direction = "forward",
                Hops = rule.Hops ?? 3,
                Taint = "haircut",
                Stop = [category],
            },
            cancellationToken).ConfigureAwait(false);
        if (answer.Json is null)
        {
            return [];
        }

        using var document = JsonDocument.Parse(answer.Json);
        var root = document.RootElement;
        var stops = root.GetProperty("edges").EnumerateArray()
            .Where(e => e.GetProperty("stop").ValueKind == JsonValueKind.String)
            .Select(e => (Address: e.GetProperty("address").GetString(), Txid: e.GetProperty("txid").GetString()!))
            .ToList();
        var alerts = new List<Alert>();
        foreach (var endpoint in root.GetProperty("endpoints").EnumerateArray())
        {
            if (endpoint.GetProperty("category").GetString() != category)
            {
                continue;
            }

            var entity = endpoint.GetProperty("entity").GetString()!;
            // An address endpoint is paid by the stop edges to it; a cluster endpoint (its label is on the cluster) by
            // the stop edges to any of its members, which the trace does not name: all stop edges of the trace then.
            var txs = stops.Where(s => entity.StartsWith("cluster:", StringComparison.Ordinal) || s.Address == entity).Select(s => s.Txid).Distinct().Order(StringComparer.Ordinal).ToList();
            alerts.Add(new Alert(0, watchlist.Id, Kind, AlertCause.Reaches(watchlist.Chain, subject.Text, category, entity), txs, endpoint.GetProperty("amount").GetString()!, entity, now));
        }

        return alerts;
    }
}
