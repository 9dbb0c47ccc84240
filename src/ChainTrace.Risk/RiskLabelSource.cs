using System.Collections.Concurrent;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.Core.Risk;

namespace ChainTrace.Risk;

/// <summary>
/// The current labels a screening scores: the address's own and its cluster's, distinct by category, confidence,
/// text and source, answered from memory on the hot path. The labels' version (a digest of the imported packs and
/// the store's propagation version, which changes when a propagation moves a label between clusters) is checked at
/// most every <see cref="MaxAge"/>, in the background; what was read under an older version is answered while one
/// background read renews it, for at most <see cref="MaxAge"/> after the change was seen, so under load a label import
/// or a re-propagation shows within about <see cref="MaxAge"/>. After a quiet spell (no check for twice
/// <see cref="MaxAge"/>: the import of a new sanctions list into an idle service) the first request checks the version
/// itself and, when it moved, reads what it needs from the store rather than answer from what is outdated.
/// <list type="bullet">
/// <item>The labelled subjects: every label is listed once per version and grouped by the address it names and the
/// cluster it is on (its own or propagated); under that version an address's and a cluster's labels are answered
/// from the listing, without a query. The listing is not rebuilt while the version holds: re-listing on a timer (every
/// 60 s, for re-propagations, before the store counted them) cost seconds of CPU each time on the 1M-transaction
/// <c>large</c> economy, landing inside a screening benchmark's window more often than not.</item>
/// <item>Until the listing is built, or while the version it was built under is outdated, each is asked of the store.
/// Clusters' labels are then kept once read (an exchange's cluster carries one propagated label per deposit address,
/// ~17,600 each in the <c>large</c> economy: read per request, they made a customer's screening take a second) and
/// read again when the version moved on. A read asks the store for the cluster's distinct label gists
/// (<see cref="ILabelStore.GetGistsByClusterAsync"/>), which it groups itself, not for every label.</item>
/// </list>
/// </summary>
public sealed class RiskLabelSource(ILabelStore store, IClusterOfAddress? clusters, TimeProvider? time = null)
{
    /// <summary>How old the labels' version may be: a new or replaced label pack, or a re-propagation, shows within about this time.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private const int MaxCached = 250_000;
    private const int PageSize = 10_000;

    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<(Chain, long), Cached> _byCluster = new();
    private readonly ConcurrentDictionary<(Chain, long), Lazy<Task<Cached>>> _reading = new();
    private readonly BackgroundRenewal _versionRenewal = new();
    private readonly BackgroundRenewal _labelledRenewal = new();
    private volatile VersionCheck? _version;
    private volatile LabelledSubjects? _labelled;

    /// <param name="storedCluster">The address's cluster as the stored refresh recorded it; when given, the live
    /// cluster port is not asked (the hot path stays a lookup of stored values; the answer states its data height).</param>
    public async Task<IReadOnlyList<RiskLabel>> GetAsync(Address address, long? storedCluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var check = await VersionAsync(cancellationToken).ConfigureAwait(false);
        var version = check.Version;
        var own = await OwnLabelsAsync(address, version, cancellationToken).ConfigureAwait(false);
        var clusterId = storedCluster ?? (clusters is null ? null : await clusters.GetClusterIdAsync(address, cancellationToken).ConfigureAwait(false));
        if (clusterId is not { } id)
        {
            return own;
        }

        var clusterLabels = await ClusterLabelsAsync(address.Chain, id, check, cancellationToken).ConfigureAwait(false);
        if (clusterLabels.Count == 0)
        {
            return own;
        }

        var result = new List<RiskLabel>(own);
        foreach (var label in clusterLabels)
        {
            if (!own.Any(o => o.Category == label.Category && o.Text == label.Text && o.Source == label.Source && o.Confidence == label.Confidence))
            {
                result.Add(label);
            }
        }

        return result;
    }

    /// <summary>The labels' version: read on the first call, renewed in the background once older than <see cref="MaxAge"/>, and read by the request itself once older than twice that.</summary>
    private async ValueTask<VersionCheck> VersionAsync(CancellationToken cancellationToken)
    {
        if (_version is { } known)
        {
            var age = _time.GetUtcNow() - known.CheckedAt;
            if (age < MaxAge)
            {
                return known;
            }

            if (age < 2 * MaxAge)
            {
                _versionRenewal.Start(() => CheckVersionAsync(inBackground: true, CancellationToken.None));
                return known;
            }
        }

        // Nothing known yet, or not checked for a long while: this request reads it (a small query).
        return await CheckVersionAsync(inBackground: false, cancellationToken).ConfigureAwait(false);
    }

    private async Task<VersionCheck> CheckVersionAsync(bool inBackground, CancellationToken cancellationToken)
    {
        var checkedAt = _time.GetUtcNow();
        var version = await ReadVersionAsync(cancellationToken).ConfigureAwait(false);
        var previous = _version;
        var check = previous is null || previous.Version != version
            ? new VersionCheck(version, checkedAt, checkedAt, StaleAllowed: inBackground)
            : previous with { CheckedAt = checkedAt };
        _version = check;
        return check;
    }

    /// <summary>The packs' digest and the propagation version together: either changing changes what a subject's labels are.</summary>
    private async Task<string> ReadVersionAsync(CancellationToken cancellationToken)
    {
        var packs = await store.GetLabelSetVersionAsync(cancellationToken).ConfigureAwait(false);
        var propagation = await store.GetPropagationVersionAsync(cancellationToken).ConfigureAwait(false);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture, $"{packs}/p{propagation}");
    }

    /// <summary>The labelled subjects when listed under <paramref name="version"/>; starts a new listing (in the background) when they are not.</summary>
    private LabelledSubjects? Labelled(string version)
    {
        var labelled = _labelled;
        if (labelled?.Version == version)
        {
            return labelled;
        }

        _labelledRenewal.Start(() => BuildLabelledAsync(version));
        return null;
    }

    private async Task<IReadOnlyList<RiskLabel>> OwnLabelsAsync(Address address, string version, CancellationToken cancellationToken)
    {
        if (Labelled(version) is { } labelled)
        {
            return labelled.Addresses.TryGetValue(address, out var listed) ? listed : [];
        }

        return (await store.GetByAddressAsync(address, cancellationToken).ConfigureAwait(false))
            .Select(l => Of(l, viaCluster: false))
            .Distinct()
            .ToList();
    }

    /// <summary>
    /// Every label of the store, paged, grouped by the address it names and by the cluster it is on (its own or
    /// propagated), each group distinct as a store read of that address or cluster makes it; kept only if no import
    /// changed the version meanwhile.
    /// </summary>
    private async Task BuildLabelledAsync(string version)
    {
        var addresses = new Dictionary<Address, List<RiskLabel>>();
        var clustersWithLabels = new Dictionary<(Chain, long), List<RiskLabel>>();
        var shared = new Dictionary<RiskLabel, RiskLabel>();
        var seenOnAddress = new HashSet<(Address, RiskLabel)>();
        var seenOnCluster = new HashSet<((Chain, long), RiskLabel)>();
        long after = 0;
        while (true)
        {
            var page = await store.ListAsync(new LabelQuery(null, null, after, PageSize), CancellationToken.None).ConfigureAwait(false);
            foreach (var label in page.Items)
            {
                var chain = label.Label.Subject.Chain;
                if (label.Label.Subject.Address is { } address)
                {
                    Group(addresses, seenOnAddress, address, Shared(shared, Of(label, viaCluster: false)));
                }

                if (label.Label.Subject.ClusterId is { } own)
                {
                    Group(clustersWithLabels, seenOnCluster, (chain, own), Shared(shared, Of(label, viaCluster: true)));
                }

                if (label.PropagatedCluster is { } propagated && propagated != label.Label.Subject.ClusterId)
                {
                    Group(clustersWithLabels, seenOnCluster, (chain, propagated), Shared(shared, Of(label, viaCluster: true)));
                }
            }

            if (page.NextAfter is not { } next)
            {
                break;
            }

            after = next;
        }

        // A pack replaced (or a propagation run) during the pages may be half seen: keep the set only when the
        // version held throughout.
        if (await ReadVersionAsync(CancellationToken.None).ConfigureAwait(false) == version)
        {
            _labelled = new LabelledSubjects(version, addresses, clustersWithLabels);
        }
    }

    /// <summary>Adds <paramref name="label"/> to <paramref name="subject"/>'s group unless it is there already (first seen first, as the store orders them).</summary>
    private static void Group<TSubject>(Dictionary<TSubject, List<RiskLabel>> groups, HashSet<(TSubject, RiskLabel)> seen, TSubject subject, RiskLabel label)
        where TSubject : notnull
    {
        if (!seen.Add((subject, label)))
        {
            return;
        }

        if (!groups.TryGetValue(subject, out var group))
        {
            group = new List<RiskLabel>(1);
            groups[subject] = group;
        }

        group.Add(label);
    }

    /// <summary>One instance per distinct label (an exchange's deposit labels are one label thousands of times).</summary>
    private static RiskLabel Shared(Dictionary<RiskLabel, RiskLabel> shared, RiskLabel label)
    {
        if (shared.TryGetValue(label, out var known))
        {
            return known;
        }

        shared[label] = label;
        return label;
    }

    private async Task<IReadOnlyList<RiskLabel>> ClusterLabelsAsync(Chain chain, long cluster, VersionCheck check, CancellationToken cancellationToken)
    {
        var version = check.Version;
        var key = (chain, cluster);
        // Listed under the current version: answered from the listing.
        if (Labelled(version) is { } labelled)
        {
            return labelled.Clusters.TryGetValue(key, out var listed) ? listed : [];
        }

        // Stale (read under an older version): answered while one background read renews it, but only for MaxAge
        // after the change was seen in the background; after that, or when a request found the change itself after a
        // quiet spell, it is read again before the answer. A failed background read leaves the kept labels in place.
        if (_byCluster.TryGetValue(key, out var cached)
            && (cached.Version == version || (check.StaleAllowed && _time.GetUtcNow() - check.ChangeSeenAt < MaxAge)))
        {
            if (cached.Version != version)
            {
                cached.Renewal.Start(() => ReadAsync(chain, cluster, version, CancellationToken.None));
            }

            return cached.Labels;
        }

        // Single flight: the requests that ask for one cluster meanwhile share one read (an exchange's cluster is
        // asked by a good share of all requests; each reading its tens of thousands of rows swamped the machine).
        var reading = _reading.GetOrAdd(key, k => new Lazy<Task<Cached>>(() => ReadAsync(k.Item1, k.Item2, version, CancellationToken.None)));
        try
        {
            return (await reading.Value.WaitAsync(cancellationToken).ConfigureAwait(false)).Labels;
        }
        finally
        {
            if (reading.Value.IsCompleted)
            {
                _reading.TryRemove(new KeyValuePair<(Chain, long), Lazy<Task<Cached>>>(key, reading));
            }
        }
    }

    private async Task<Cached> ReadAsync(Chain chain, long cluster, string version, CancellationToken cancellationToken)
    {
        var gists = await store.GetGistsByClusterAsync(chain, cluster, cancellationToken).ConfigureAwait(false);
        var read = new Cached(gists.Select(g => new RiskLabel(g.Category, g.ConfidenceLevel, g.Text, g.Source, ViaCluster: true)).ToList(), version);
        if (_byCluster.Count >= MaxCached)
        {
            _byCluster.Clear();
        }

        _byCluster[(chain, cluster)] = read;
        return read;
    }

    private static RiskLabel Of(StoredLabel stored, bool viaCluster) =>
        new(stored.Label.Category, stored.Label.Confidence.Level, stored.Label.Text, stored.Label.Source, viaCluster);

    /// <param name="ChangeSeenAt">When this version was first seen.</param>
    /// <param name="StaleAllowed">Whether what was read under the version before may still answer (for MaxAge after
    /// <paramref name="ChangeSeenAt"/>): yes when a background check saw the change, no when a request did after a quiet spell.</param>
    private sealed record VersionCheck(string Version, DateTimeOffset CheckedAt, DateTimeOffset ChangeSeenAt, bool StaleAllowed);

    private sealed record LabelledSubjects(string Version, Dictionary<Address, List<RiskLabel>> Addresses, Dictionary<(Chain, long), List<RiskLabel>> Clusters);

    private sealed class Cached(IReadOnlyList<RiskLabel> labels, string version)
    {
        public BackgroundRenewal Renewal { get; } = new();

        public IReadOnlyList<RiskLabel> Labels { get; } = labels;

        public string Version { get; } = version;
    }
}
