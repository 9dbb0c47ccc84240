using System.Globalization;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Primitives;

namespace ChainTrace.Core.Watchlists;

/// <summary>
/// Cause keys, formed only from what the data says so that rescans, retries and restarts meet the same cause again
/// and form the same key, which the store holds unique per watchlist (an alert fires once per cause):
/// <list type="bullet">
/// <item><c>outgoing:&lt;chain&gt;:&lt;address&gt;:&lt;txid&gt;</c>: one per transaction spending from a watched address
/// (a cluster subject's member addresses included);</item>
/// <item><c>reaches:&lt;chain&gt;:&lt;subject&gt;:&lt;category&gt;:&lt;entity&gt;</c>: one per entity of the category the
/// subject's value reached within the rule's hops (the entity: an address, or <c>cluster:&lt;id&gt;</c>);</item>
/// <item><c>score-above:&lt;chain&gt;:&lt;address&gt;:&lt;threshold&gt;</c>: once when the address's score first
/// exceeds the threshold;</item>
/// <item><c>cluster-grows:&lt;chain&gt;:&lt;subject&gt;:&lt;address&gt;</c>: once per address that joined the subject's
/// cluster after the baseline. Keyed on the subject as written, not on the cluster's current id, which changes when
/// the cluster is absorbed in a merge.</item>
/// </list>
/// </summary>
public static class AlertCause
{
    public static string Outgoing(Address subject, Hash32 txId)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return $"{WatchRule.Outgoing}:{subject.Chain.ToString().ToLowerInvariant()}:{subject}:{txId}";
    }

    public static string Reaches(Chain chain, string subject, string category, string entity) =>
        $"{WatchRule.Reaches}:{chain.ToString().ToLowerInvariant()}:{subject}:{category}:{entity}";

    public static string ClusterGrows(Chain chain, string subject, Address member)
    {
        ArgumentNullException.ThrowIfNull(member);
        return $"{WatchRule.ClusterGrows}:{chain.ToString().ToLowerInvariant()}:{subject}:{member}";
    }

    public static string ScoreAbove(Address subject, double threshold)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return string.Create(CultureInfo.InvariantCulture, $"{WatchRule.ScoreAbove}:{subject.Chain.ToString().ToLowerInvariant()}:{subject}:{threshold}");
    }
}
