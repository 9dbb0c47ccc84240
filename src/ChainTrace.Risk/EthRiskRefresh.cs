using System.Diagnostics;
using ChainTrace.Core.Labels;
using ChainTrace.Core.Risk;
using ChainTrace.Index.Account;
using ChainTrace.Index.Clustering;
using ChainTrace.Index.Service;
using ChainTrace.Risk.Exposure;
using ChainTrace.Risk.Storage;

namespace ChainTrace.Risk;

/// <summary>
/// The Ethereum half of <c>chaintrace risk refresh</c>: exposure of every Ethereum address and deposit cluster over
/// the ether ledger (<see cref="EthExposurePass"/>), scored from labels and exposure (the behaviour model's features
/// are Bitcoin's: no model probability here), stored in <c>risk/eth.db</c> with the data height. Always a full pass:
/// an account's mix depends on every earlier transfer into it, and the pass is linear in the transfers.
/// </summary>
public static class EthRiskRefresh
{
    public static string StorePath(string dataDirectory) => Path.Combine(dataDirectory, "risk", "eth.db");

    public static async Task<RiskRefreshSummary> RunAsync(
        string dataDirectory, ILabelStore labels, ExposureOptions options, IProgress<(string Phase, long Done, long Total)>? progress, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        var clock = Stopwatch.StartNew();
        var paths = new ReadModelPaths(dataDirectory);
        using var index = EthIndex.Open(paths.Eth);
        var roots = Roots(paths, index.AddressCount);
        progress?.Report(("eth labels", 0, 1));
        var seeds = await LabelSeeds.LoadAsync(labels, index, roots, cancellationToken).ConfigureAwait(false);
        progress?.Report(("eth exposure", 0, 2));
        var exposures = EthExposurePass.Run(index, seeds.Categories, options);
        progress?.Report(("eth exposure", 1, 2));
        var clusterExposures = EthExposurePass.Run(index, seeds.Categories, options, roots);
        var labelVersion = await labels.GetLabelSetVersionAsync(cancellationToken).ConfigureAwait(false);
        var counts = RiskCounts.Empty;
        var sizes = new int[index.AddressCount];
        foreach (var r in roots)
        {
            sizes[r]++;
        }

        var rows = new List<(byte[], RiskFacts, int, RiskLevel)>(index.AddressCount);
        for (var a = 0; a < index.AddressCount; a++)
        {
            var facts = FactsOf(exposures, a, roots[a]);
            var score = RiskScorer.Score(facts, RiskRefresh.SeedLabel(seeds, a));
            counts = counts.With(facts, score.Level);
            rows.Add((index.AddressKey(a).ToArray(), facts, score.Score, score.Level));
            if ((a & 0xFFFF) == 0)
            {
                progress?.Report(("eth score", a, index.AddressCount));
            }
        }

        var clusters = new List<(long, RiskFacts)>();
        for (var r = 0; r < sizes.Length; r++)
        {
            if (sizes[r] > 1)
            {
                clusters.Add((r, FactsOf(clusterExposures, r, r) with { Discounted = [] }));
            }
        }

        progress?.Report(("eth write", 0, rows.Count));
        rows.Sort((x, y) => x.Item1.AsSpan().SequenceCompareTo(y.Item1));
        var snapshot = new RiskSnapshot(index.Height, options.Hops, options.EthDustThreshold, labelVersion, null, DateTimeOffset.UtcNow, rows.Count);
        RiskStore.Write(StorePath(dataDirectory), snapshot, rows, clusters);
        return RiskRefreshSummary.Of(index.Height, rows.Count, counts, clusters.Count, clock.Elapsed) with
        {
            Chain = "eth",
            Recomputed = rows.Count,
        };
    }

    internal static RiskFacts FactsOf(EthExposures x, int a, long cluster) =>
        ExposureFacts.Of(cluster, x.Received[a], x.Sent[a], x.Amounts[a], x.Categories, x.Discounted[a], x.DiscountedTransfers[a], ExposureFacts.EthDustReason, x.DirectAmounts[a], x.DirectDiscounted[a]);

    /// <summary>Each Ethereum address's deposit-cluster root (itself when the clusters have not reached it or were never built).</summary>
    private static int[] Roots(ReadModelPaths paths, int addresses)
    {
        if (!File.Exists(Path.Combine(paths.EthClusters, "state.json")))
        {
            return RiskRefresh.Roots(addresses, null);
        }

        using var store = ClusterStore.Open(paths.EthClusters);
        return RiskRefresh.Roots(addresses, store.Forest);
    }
}
