using System.Collections.Concurrent;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.Core.Risk;

namespace ChainTrace.Risk;

/// <summary>
/// The current labels a screening scores: the address's own (an indexed lookup per request) and its cluster's,
/// distinct by category, confidence, text and source. A cluster's labels are read once per <see cref="MaxAge"/>
/// and shared by the requests that ask meanwhile: an exchange's cluster carries one propagated label per deposit
/// address (hundreds of thousands in a large economy), which read and listed per request made each screening of a
/// customer take a second and answer a list of identical labels.
/// </summary>
public sealed class RiskLabelSource(ILabelStore store, IClusterOfAddress? clusters, TimeProvider? time = null)
{
    /// <summary>How long a cluster's labels are reused before they are read again (a new import shows within it).</summary>
    public static readonly TimeSpan MaxAge = TimeSpan.FromSeconds(5);

    private const int MaxCached = 4096;
    private readonly TimeProvider _time = time ?? TimeProvider.System;
    private readonly ConcurrentDictionary<(Chain, long), Cached> _byCluster = new();

    public async Task<IReadOnlyList<RiskLabel>> GetAsync(Address address, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(address);
        var own = (await store.GetByAddressAsync(address, cancellationToken).ConfigureAwait(false))
            .Select(l => Of(l, viaCluster: false))
            .Distinct()
            .ToList();
        var clusterId = clusters is null ? null : await clusters.GetClusterIdAsync(address, cancellationToken).ConfigureAwait(false);
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

    private Task<IReadOnlyList<RiskLabel>> ClusterLabelsAsync(Chain chain, long cluster, CancellationToken cancellationToken)
    {
        var now = _time.GetUtcNow();
        if (_byCluster.TryGetValue((chain, cluster), out var cached) && now - cached.ReadAt < MaxAge && !cached.Labels.IsFaulted)
        {
            return cached.Labels;
        }

        if (_byCluster.Count >= MaxCached)
        {
            _byCluster.Clear();
        }

        var read = ReadClusterAsync(chain, cluster, cancellationToken);
        _byCluster[(chain, cluster)] = new Cached(read, now);
        return read;
    }

    private async Task<IReadOnlyList<RiskLabel>> ReadClusterAsync(Chain chain, long cluster, CancellationToken cancellationToken) =>
        (await store.GetByClusterAsync(chain, cluster, cancellationToken).ConfigureAwait(false))
            .Select(l => Of(l, viaCluster: true))
            .Distinct()
            .ToList();

    private static RiskLabel Of(StoredLabel stored, bool viaCluster) =>
        new(stored.Label.Category, stored.Label.Confidence.Level, stored.Label.Text, stored.Label.Source, viaCluster);

    private sealed record Cached(Task<IReadOnlyList<RiskLabel>> Labels, DateTimeOffset ReadAt);
}
