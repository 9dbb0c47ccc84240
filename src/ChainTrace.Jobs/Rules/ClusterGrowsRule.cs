using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Clustering;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Watchlists;

namespace ChainTrace.Jobs.Rules;

/// <summary>
/// <c>cluster-grows</c>: an address joining the cluster of a watched subject (an address: its current cluster;
/// <c>cluster:&lt;id&gt;</c>: that cluster, after merges the survivor's). The members when the watchlist is created
/// (<see cref="RecordBaselinesAsync"/>; else at its first rescan) are the baseline (no alerts); later rescans raise one alert per member not in it (<c>entity</c>: the cluster's current id;
/// <c>txs</c>: the transaction of the first link naming the address), and once stored those join the baseline. The
/// baseline and the cause key are keyed on the subject as written, never on the current cluster id, which moves to the
/// survivor when the cluster is absorbed in a merge (the absorbed cluster's members are then new members).
/// </summary>
public sealed class ClusterGrowsRule(SubjectResolver resolver, IWatchlistStore store, IClusterQueries? clusters) : IWatchRuleEvaluator
{
    private const int LinkPage = 1000;
    private const int MaxLinkPages = 100;

    public string Kind => WatchRule.ClusterGrows;

    public async Task<IReadOnlyList<Alert>> EvaluateAsync(Watchlist watchlist, WatchRule rule, WatchedSubject subject, DateTimeOffset now, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watchlist);
        ArgumentNullException.ThrowIfNull(subject);
        if (clusters is null || subject.Addresses.Count == 0)
        {
            return [];
        }

        var id = await clusters.GetClusterIdAsync(subject.Addresses[0], cancellationToken).ConfigureAwait(false);
        var members = id is { } current ? await resolver.MembersAsync(watchlist.Chain, current, cancellationToken).ConfigureAwait(false) : subject.Addresses;
        var known = await store.GetClusterMembersAsync(watchlist.Id, subject.Text, cancellationToken).ConfigureAwait(false);
        if (known is null)
        {
            await store.AddClusterMembersAsync(watchlist.Id, subject.Text, members.Select(m => $"{m}").ToList(), cancellationToken).ConfigureAwait(false);
            return [];
        }

        var fresh = members.Where(m => !known.Contains($"{m}")).ToList();
        if (fresh.Count == 0 || id is not { } cluster)
        {
            return [];
        }

        var linking = await LinkingTxsAsync(watchlist.Chain, cluster, fresh, cancellationToken).ConfigureAwait(false);
        return fresh
            .Select(m => new Alert(
                0, watchlist.Id, Kind, AlertCause.ClusterGrows(watchlist.Chain, subject.Text, m), linking.TryGetValue(m, out var tx) ? [tx] : [], "0", $"cluster:{cluster}", now))
            .ToList();
    }

    /// <summary>Records the baseline of each subject of a new watchlist with this rule (its members as clustered now).</summary>
    public async Task RecordBaselinesAsync(Watchlist watchlist, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watchlist);
        if (watchlist.Rules.FirstOrDefault(r => r.Kind == Kind) is not { } rule)
        {
            return;
        }

        foreach (var subject in await resolver.ResolveAsync(watchlist, cancellationToken).ConfigureAwait(false))
        {
            // With no baseline yet, evaluating records it and raises nothing.
            await EvaluateAsync(watchlist, rule, subject, watchlist.CreatedAt, cancellationToken).ConfigureAwait(false);
        }
    }

    public Task StoredAsync(Watchlist watchlist, WatchedSubject subject, IReadOnlyList<Alert> alerts, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watchlist);
        ArgumentNullException.ThrowIfNull(subject);
        ArgumentNullException.ThrowIfNull(alerts);
        if (alerts.Count == 0)
        {
            return Task.CompletedTask;
        }

        // The cause key ends with the member address (addresses hold no ':').
        var joined = alerts.Select(a => a.Cause[(a.Cause.LastIndexOf(':') + 1)..]).ToList();
        return store.AddClusterMembersAsync(watchlist.Id, subject.Text, joined, cancellationToken);
    }

    /// <summary>The transaction of the first link (in evidence order) naming each new member, within a bounded scan of the cluster's links.</summary>
    private async Task<Dictionary<Address, string>> LinkingTxsAsync(Chain chain, long cluster, IReadOnlyList<Address> fresh, CancellationToken cancellationToken)
    {
        var wanted = fresh.ToHashSet();
        var found = new Dictionary<Address, string>();
        // Cursors are positions: -1 is "from the start" (0 would skip the first member or link).
        long after = -1;
        for (var page = 0; page < MaxLinkPages && found.Count < wanted.Count; page++)
        {
            if (await clusters!.GetLinksAsync(chain, cluster, after, LinkPage, cancellationToken).ConfigureAwait(false) is not { } links)
            {
                break;
            }

            foreach (var link in links.Items.Where(l => l.Tx is not null))
            {
                foreach (var end in new[] { link.A, link.B }.Where(wanted.Contains))
                {
                    found.TryAdd(end, link.Tx!);
                }
            }

            if (links.Next is not { } next)
            {
                break;
            }

            after = next;
        }

        return found;
    }
}
