using System.Diagnostics;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.Risk;
using Microsoft.Extensions.DependencyInjection;

namespace ChainTrace.Benchmarks.Risk;

/// <summary>
/// The slowest labels a screening can wait for: the first answer for a customer of the cluster with the most labels
/// (an exchange: one propagated label per deposit address) from a label source that has nothing in memory yet, as
/// after a label import into a quiet service, and the two store reads that could answer it (every label, or the
/// distinct gists the source asks for).
/// </summary>
internal static class ColdClusterLabels
{
    public static async Task<string> MeasureAsync(IServiceProvider services, CancellationToken cancellationToken)
    {
        var store = services.GetRequiredService<ILabelStore>();
        var (cluster, count, member) = await LargestClusterAsync(store, cancellationToken);
        if (member is null)
        {
            return "cold cluster labels: no labelled cluster";
        }

        // The faster of three rounds each, interleaved: the first read of either warms the pages both read.
        double everyMs = double.MaxValue, gistsMs = double.MaxValue;
        int every = 0, gists = 0;
        var clock = new Stopwatch();
        for (var round = 0; round < 3; round++)
        {
            clock.Restart();
            every = (await store.GetByClusterAsync(Chain.Btc, cluster, cancellationToken)).Select(l => LabelGist.Of(l.Label)).Distinct().Count();
            everyMs = Math.Min(everyMs, clock.Elapsed.TotalMilliseconds);
            clock.Restart();
            gists = (await store.GetGistsByClusterAsync(Chain.Btc, cluster, cancellationToken)).Count;
            gistsMs = Math.Min(gistsMs, clock.Elapsed.TotalMilliseconds);
        }

        var cold = new RiskLabelSource(store, null);
        clock.Restart();
        var labels = await cold.GetAsync(member, cluster, cancellationToken);
        var firstMs = clock.Elapsed.TotalMilliseconds;
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"cold cluster labels (cluster {cluster}, {count} labels, {gists} distinct; every-label read gave {every}): every label {everyMs:F1} ms, gists {gistsMs:F1} ms; a member's first answer from an empty label source {firstMs:F1} ms ({labels.Count} labels)");
    }

    /// <summary>The Bitcoin cluster most labels are on (its own or propagated), and one address labelled onto it.</summary>
    private static async Task<(long Cluster, int Count, Address? Member)> LargestClusterAsync(ILabelStore store, CancellationToken cancellationToken)
    {
        var counts = new Dictionary<long, (int Count, Address? Member)>();
        long after = 0;
        while (true)
        {
            var page = await store.ListAsync(new LabelQuery(Chain.Btc, null, after, 10_000), cancellationToken);
            foreach (var label in page.Items)
            {
                if ((label.PropagatedCluster ?? label.Label.Subject.ClusterId) is { } cluster)
                {
                    var known = counts.GetValueOrDefault(cluster);
                    counts[cluster] = (known.Count + 1, known.Member ?? label.Label.Subject.Address);
                }
            }

            if (page.NextAfter is not { } next)
            {
                break;
            }

            after = next;
        }

        if (counts.Count == 0)
        {
            return (0, 0, null);
        }

        var largest = counts.MaxBy(c => c.Value.Count);
        return (largest.Key, largest.Value.Count, largest.Value.Member);
    }
}
