using System.Collections.Concurrent;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.Core.Risk;

namespace ChainTrace.Risk;

/// <summary>
/// The current labels a screening scores: the address's own and its cluster's, distinct by category, confidence,
/// text and source, answered from memory on the hot path. The label-set version (a digest of the imported packs)
/// is checked at most every <see cref="MaxAge"/>, in the background; what was read under an older version is
/// answered while one background read renews it, so a label import shows within about <see cref="MaxAge"/>.
/// <list type="bullet">
/// <item>Clusters: each cluster's labels are kept once read (an exchange's cluster carries one propagated label per
/// deposit address, ~17,600 each in the 1M-transaction <c>large</c> economy: read per request, they made a
/// customer's screening take a second; re-read every few seconds, they were most of the server's CPU). A cluster's
/// labels are also re-read after <see cref="PropagationMaxAge"/>, since a re-propagation of cluster labels changes
/// no pack and so no version.</item>
/// <item>The labelled subjects: the addresses with labels of their own and the clusters with labels (their own or
/// propagated) are listed once per version, and again after <see cref="PropagationMaxAge"/>; an address or cluster
/// outside them is answered with no labels without a query (most of them: in the <c>large</c> economy one address
/// in eight is labelled, and of 380,000 clusters 55,000). Until the list is built, every one is asked of the store.</item>
/// </list>
/// </summary>
public sealed class RiskLabelSource(ILabelStore store, IClusterOfAddress? clusters, TimeProvider? time = null)
{
    /// <summary>How old the label-set version may be: a new or replaced label pack shows within about this time.</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    /// <summary>How long a cluster's labels are kept under an unchanged version (re-propagation without an import).</summary>
    public static readonly TimeSpan PropagationMaxAge = TimeSpan.FromSeconds(60);

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
        var version = await VersionAsync(cancellationToken).ConfigureAwait(false);
        var own = await OwnLabelsAsync(address, version, cancellationToken).ConfigureAwait(false);
        var clusterId = storedCluster ?? (clusters is null ? null : await clusters.GetClusterIdAsync(address, cancellationToken).ConfigureAwait(false));
        if (clusterId is not { } id)
        {
            return own;
        }

        var clusterLabels = await ClusterLabelsAsync(address.Chain, id, version, cancellationToken).ConfigureAwait(false);
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

    /// <summary>The label-set version: read on the first call, then renewed in the background once older than <see cref="MaxAge"/>.</summary>
    private async ValueTask<string> VersionAsync(CancellationToken cancellationToken)
    {
        if (_version is { } known)
        {
            if (_time.GetUtcNow() - known.CheckedAt >= MaxAge)
            {
                _versionRenewal.Start(() => CheckVersionAsync(CancellationToken.None));
            }

            return known.Version;
        }

        // The first requests (nothing known yet) each read it: a small query, once.
        return await CheckVersionAsync(cancellationToken).ConfigureAwait(false);
    }

    private async Task<string> CheckVersionAsync(CancellationToken cancellationToken)
    {
        var checkedAt = _time.GetUtcNow();
        var version = await store.GetLabelSetVersionAsync(cancellationToken).ConfigureAwait(false);
        _version = new VersionCheck(version, checkedAt);
        return version;
    }

    /// <summary>The labelled subjects when listed under <paramref name="version"/>; starts a new listing (in the background) when they are not, or are older than <see cref="PropagationMaxAge"/>.</summary>
    private LabelledSubjects? Labelled(string version)
    {
        var labelled = _labelled;
        var current = labelled?.Version == version;
        if (!current || _time.GetUtcNow() - labelled!.ListedAt >= PropagationMaxAge)
        {
            _labelledRenewal.Start(() => BuildLabelledAsync(version));
        }

        return current ? labelled : null;
    }

    private async Task<IReadOnlyList<RiskLabel>> OwnLabelsAsync(Address address, string version, CancellationToken cancellationToken)
    {
        // Address labels change only with an import (a new version): the listing's age does not matter here.
        if (Labelled(version) is { } labelled && !labelled.Addresses.Contains(address))
        {
            return [];
        }

        return (await store.GetByAddressAsync(address, cancellationToken).ConfigureAwait(false))
            .Select(l => Of(l, viaCluster: false))
            .Distinct()
            .ToList();
    }

    /// <summary>Every labelled address and cluster of the store, paged; kept only if no import changed the version meanwhile.</summary>
    private async Task BuildLabelledAsync(string version)
    {
        var listedAt = _time.GetUtcNow();
        var addresses = new HashSet<Address>();
        var clustersWithLabels = new HashSet<(Chain, long)>();
        long after = 0;
        while (true)
        {
            var page = await store.ListAsync(new LabelQuery(null, null, after, PageSize), CancellationToken.None).ConfigureAwait(false);
            foreach (var label in page.Items)
            {
                if (label.Label.Subject.Address is { } address)
                {
                    addresses.Add(address);
                }

                if (label.Label.Subject.ClusterId is { } own)
                {
                    clustersWithLabels.Add((label.Label.Subject.Chain, own));
                }

                if (label.PropagatedCluster is { } propagated)
                {
                    clustersWithLabels.Add((label.Label.Subject.Chain, propagated));
                }
            }

            if (page.NextAfter is not { } next)
            {
                break;
            }

            after = next;
        }

        // A pack replaced during the pages may be half seen: keep the set only when the version held throughout.
        if (await store.GetLabelSetVersionAsync(CancellationToken.None).ConfigureAwait(false) == version)
        {
            _labelled = new LabelledSubjects(version, listedAt, addresses, clustersWithLabels);
        }
    }

    private async Task<IReadOnlyList<RiskLabel>> ClusterLabelsAsync(Chain chain, long cluster, string version, CancellationToken cancellationToken)
    {
        var key = (chain, cluster);
        if (Labelled(version) is { } labelled && _time.GetUtcNow() - labelled.ListedAt < PropagationMaxAge && !labelled.Clusters.Contains(key))
        {
            return [];
        }

        if (_byCluster.TryGetValue(key, out var cached))
        {
            // Stale: answer from it and let one request read it again in the background.
            // A failed read leaves the kept labels in place and lets a later request try again.
            if (cached.Version != version || _time.GetUtcNow() - cached.ReadAt >= PropagationMaxAge)
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
        var readAt = _time.GetUtcNow();
        var stored = await store.GetByClusterAsync(chain, cluster, cancellationToken).ConfigureAwait(false);
        var read = new Cached(stored.Select(l => Of(l, viaCluster: true)).Distinct().ToList(), version, readAt);
        if (_byCluster.Count >= MaxCached)
        {
            _byCluster.Clear();
        }

        _byCluster[(chain, cluster)] = read;
        return read;
    }

    private static RiskLabel Of(StoredLabel stored, bool viaCluster) =>
        new(stored.Label.Category, stored.Label.Confidence.Level, stored.Label.Text, stored.Label.Source, viaCluster);

    private sealed record VersionCheck(string Version, DateTimeOffset CheckedAt);

    private sealed record LabelledSubjects(string Version, DateTimeOffset ListedAt, HashSet<Address> Addresses, HashSet<(Chain, long)> Clusters);

    private sealed class Cached(IReadOnlyList<RiskLabel> labels, string version, DateTimeOffset readAt)
    {
        public BackgroundRenewal Renewal { get; } = new();

        public IReadOnlyList<RiskLabel> Labels { get; } = labels;

        public string Version { get; } = version;

        public DateTimeOffset ReadAt { get; } = readAt;
    }
}
