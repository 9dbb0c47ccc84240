using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Clustering;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Watchlists;
using ChainTrace.Jobs.Jobs;

namespace ChainTrace.Jobs.Rules;

/// <summary>
/// Turns a watchlist's subjects into addresses: an address is itself; <c>cluster:&lt;id&gt;</c> is the cluster's
/// current members (after merges, the survivor's), read from the clusters as last updated by <c>recluster</c>.
/// </summary>
public sealed class SubjectResolver(IChainProgressStore progress, IClusterQueries? clusters)
{
    private const int Page = 1000;

    public async Task<IReadOnlyList<WatchedSubject>> ResolveAsync(Watchlist watchlist, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(watchlist);
        var network = await progress.GetNetworkAsync(watchlist.Chain, cancellationToken).ConfigureAwait(false) ?? Network.Main;
        var subjects = new List<WatchedSubject>();
        foreach (var text in watchlist.Subjects)
        {
            if (!text.StartsWith(WatchlistSubjects.ClusterPrefix, StringComparison.Ordinal))
            {
                subjects.Add(new WatchedSubject(text, [Address.Parse(watchlist.Chain, text, network)]));
                continue;
            }

            var id = long.Parse(text.AsSpan(WatchlistSubjects.ClusterPrefix.Length), System.Globalization.CultureInfo.InvariantCulture);
            subjects.Add(new WatchedSubject(text, await MembersAsync(watchlist.Chain, id, cancellationToken).ConfigureAwait(false)));
        }

        return subjects;
    }

    /// <summary>The current members of cluster <paramref name="id"/> (after merges, the survivor's); empty without clusters or for an unknown id.</summary>
    public async Task<IReadOnlyList<Address>> MembersAsync(Chain chain, long id, CancellationToken cancellationToken)
    {
        var members = new List<Address>();
        if (clusters is null)
        {
            return members;
        }

        // Cursors are positions: -1 is "from the start" (0 would skip the first member or link).
        long after = -1;
        while (await clusters.GetAddressesAsync(chain, id, after, Page, cancellationToken).ConfigureAwait(false) is { } page)
        {
            members.AddRange(page.Items);
            if (page.Next is not { } next)
            {
                break;
            }

            after = next;
        }

        return members;
    }
}
