using ChainTrace.Core.Addresses;
using ChainTrace.Core.Primitives;

namespace ChainTrace.Core.Watchlists;

/// <summary>
/// Cause keys: <c>&lt;rule&gt;:&lt;chain&gt;:&lt;subject&gt;:&lt;txid&gt;</c>, e.g.
/// <c>outgoing:btc:1A1z…:f4184fc5…</c>. Rescans, retries and restarts meet the same movement again and form the same
/// key, which the store holds unique per watchlist, so an alert fires once per cause.
/// </summary>
public static class AlertCause
{
    public static string Outgoing(Address subject, Hash32 txId)
    {
        ArgumentNullException.ThrowIfNull(subject);
        return $"{WatchRule.Outgoing}:{subject.Chain.ToString().ToLowerInvariant()}:{subject}:{txId}";
    }
}
