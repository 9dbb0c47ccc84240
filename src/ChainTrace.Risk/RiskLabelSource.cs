using System.Collections.Concurrent;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.Core.Risk;

namespace ChainTrace.Risk;

/// <summary>
/// The current labels a screening scores: the address's own (an indexed lookup per request) and its cluster's,
/// distinct by category, confidence, text and source. A cluster with many stored labels is read once and kept; once
/// older than <see cref="MaxAge"/> it is answered from what is kept while one background read renews it. An
/// exchange's cluster carries one propagated label per deposit address (~17,600 each in the 1M-transaction
/// <c>large</c> economy): read and listed per request, they made a customer's screening take a second and answer
/// thousands of identical labels.
/// </summary>
public sealed class RiskLabelSource(ILabelStore store, IClusterOfAddress? clusters, TimeProvider? time = null)
{
    /// <summary>How long a cluster's labels are reused before they are read again (a new import shows within it).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private const int MaxCached = 4096;

    /// <summary>Clusters with at least this many stored labels are kept (an exchange's); smaller ones are read per request.</summary>
    private const int CacheFrom = 64;
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<(Chain, long), Cached> _byCluster = new();
    private readonly ConcurrentDictionary<(Chain, long), Lazy<Task<IReadOnlyList<RiskLabel>>>> _reading = new();

    /// <param name="storedCluster">The address's cluster as the stored refresh recorded it; when given, the live
    /// cluster port is not asked (the hot path stays a lookup of stored values; the answer states its data height).</param>
    public async Task<IReadOnlyList<RiskLabel>> GetAsync(Address address, long? storedCluster, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var own = (await store.GetByAddressAsync(address, cancellationToken).ConfigureAwait(false))
            .Select(l => Of(l, viaCluster: false))
            .Distinct()
            .ToList();
        var clusterId = storedCluster ?? (clusters is null ? null : await clusters.GetClusterIdAsync(address, cancellationToken).ConfigureAwait(false));
        if (clusterId is not { } id)
        {
            return own;
        }

        var result = own;
        foreach (var label in await ClusterLabelsAsync(address.Chain, id, cancellationToken).ConfigureAwait(false))
        {
            if (!own.Any(o => o.Category == label.Category && o.Text == label.Text && o.Source == label.Source && o.Confidence == label.Confidence))
            {
                result.Add(label);
            }
        }

        return result;
    }

    private async Task<IReadOnlyList<RiskLabel>> ClusterLabelsAsync(Chain chain, long cluster, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_byCluster.TryGetValue((chain, cluster), out var cached))
        {
            // Stale: answer from it and let one request read it again in the background.
            if (now - cached.ReadAt >= MaxAge && Interlocked.Exchange(ref cached.Refreshing, 1) == 0)
            {
                _ = Task.Run(() => ReadAsync(chain, cluster, CancellationToken.None), CancellationToken.None);
            }

            return cached.Labels;
        }

        // Single flight: the requests that ask for one cluster meanwhile share one read (an exchange's cluster is
        // asked by a good share of all requests; each reading its tens of thousands of rows swamped the machine).
        var key = (chain, cluster);
        var reading = _reading.GetOrAdd(key, k => new Lazy<Task<IReadOnlyList<RiskLabel>>>(() => ReadAsync(k.Item1, k.Item2, CancellationToken.None)));
        try
        {
            return await reading.Value.WaitAsync(cancellationToken).ConfigureAwait(false);
        }
        finally
        {
            if (reading.Value.IsCompleted)
            {
                _reading.TryRemove(new KeyValuePair<(Chain, long), Lazy<Task<IReadOnlyList<RiskLabel>>>>(key, reading));
            }
        }
    }

    /// <summary>Reads a cluster's labels; keeps them when the cluster has many stored labels (small ones are cheap to read each time).</summary>
    private async Task<IReadOnlyList<RiskLabel>> ReadAsync(Chain chain, long cluster, CancellationToken cancellationToken)
    {
        var readAt = _time.GetUtcNow();
        var stored = await store.GetByClusterAsync(chain, cluster, cancellationToken).ConfigureAwait(false);
        var labels = stored.Select(l => Of(l, viaCluster: true)).Distinct().ToList();
        if (stored.Count >= CacheFrom)
        {
            if (_byCluster.Count >= MaxCached)
            {
                _byCluster.Clear();
            }

            _byCluster[(chain, cluster)] = new Cached(labels, readAt);
        }

        return labels;
    }

    private static RiskLabel Of(StoredLabel stored, bool viaCluster) =>
        new(stored.Label.Category, stored.Label.Confidence.Level, stored.Label.Text, stored.Label.Source, viaCluster);

    private sealed class Cached(IReadOnlyList<RiskLabel> labels, DateTimeOffset readAt)
    {
        public int Refreshing;

        public IReadOnlyList<RiskLabel> Labels { get; } = labels;

        public DateTimeOffset ReadAt { get; } = readAt;
    }
}
