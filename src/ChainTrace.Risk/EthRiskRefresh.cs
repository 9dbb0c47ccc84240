using System.Buffers;
using System.Diagnostics;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.Core.Risk;
using ChainTrace.Index.Account;
using ChainTrace.Index.Clustering;
using ChainTrace.Index.Service;
using ChainTrace.Risk.Exposure;
using ChainTrace.Risk.Model;
using ChainTrace.Risk.Storage;

namespace ChainTrace.Risk;

/// <summary>
/// The Ethereum half of <c>chaintrace risk refresh</c>: exposure of every Ethereum address and deposit cluster over
/// the ether ledger (<see cref="EthExposurePass"/>), scored from labels, exposure and, when an Ethereum model is
/// trained (<c>model train --chain eth</c>), its probability over <see cref="EthFeatureExtractor"/>'s features, stored
/// in <c>risk/eth.db</c> with the data height. Unless asked for a full pass, and when the stored refresh allows it (<see cref="Continuation"/>), the forward direction (what each
/// account received, and from where) goes on from the stored state over the new transfers only, and only rows whose
/// content changed are rewritten; the backward direction runs over every transfer each time (see
/// <see cref="EthExposurePass.Run(EthIndex, int[], ExposureOptions, int[], EthForwardState, out EthForwardState, out bool)"/>).
/// Either way the file holds exactly what a full pass over the same read model stores.
/// </summary>
public static partial class EthRiskRefresh
{
    public static string StorePath(string dataDirectory) => Path.Combine(dataDirectory, "risk", "eth.db");

    public static async Task<RiskRefreshSummary> RunAsync(
        string dataDirectory, ILabelStore labels, ExposureOptions options, IProgress<(string Phase, long Done, long Total)>? progress, CancellationToken cancellationToken, bool full = false)
    {
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(options);
        options.Validate();
        var clock = Stopwatch.StartNew();
        var paths = new ReadModelPaths(dataDirectory);
        using var index = EthIndex.Open(paths.Eth);
        var roots = Roots(paths, index.AddressCount);
        progress?.Report(("eth labels", 0, 1));
        var seeds = await LabelSeeds.LoadAsync(labels, index, roots, cancellationToken).ConfigureAwait(false);
        var labelVersion = await labels.GetLabelSetVersionAsync(cancellationToken).ConfigureAwait(false);
        var path = StorePath(dataDirectory);
        using var model = RiskModelFiles.TryLoadCurrent(dataDirectory, Chain.Eth);
        var snapshot = new RiskSnapshot(index.Height, options.Hops, options.EthDustThreshold, labelVersion, model?.Version, DateTimeOffset.UtcNow, index.AddressCount);
        string? why = "asked";
        var state = full ? null : Continuation.Open(path, snapshot, options, out why);
        why ??= full ? "asked" : Continuation.Refusal(state!, index, seeds.Categories);
        if (why is not null)
        {
            state = null;
        }

        progress?.Report(("eth exposure" + (state is null ? "" : " (continued)"), 0, 2));
        var exposures = EthExposurePass.Run(index, seeds.Categories, options, null, state?.AddressForward, out var addressForward, out var answered);
        if (answered)
        {
            why = "a new transfer answers an earlier dust transfer to its sender, which is no longer dust";
            state = null;
            exposures = EthExposurePass.Run(index, seeds.Categories, options, null, null, out addressForward);
        }

        var clusterResume = state is null ? null : Continuation.ClusterRefusal(state, roots, seeds.Categories);
        progress?.Report(("eth cluster exposure" + (state is null ? "" : clusterResume is null ? " (continued)" : $" (from the start: {clusterResume})"), 1, 2));
        var clusterExposures = EthExposurePass.Run(index, seeds.Categories, options, roots, clusterResume is null ? state?.ClusterForward : null, out var clusterForward, out answered);
        if (answered)
        {
            progress?.Report(("eth cluster exposure (from the start: a new transfer answers an earlier dust transfer)", 1, 2));
            clusterExposures = EthExposurePass.Run(index, seeds.Categories, options, roots, null, out clusterForward);
        }

        if (model is not null)
        {
            progress?.Report(("eth features", 0, index.AddressCount));
        }

        var features = model is null ? null : EthFeatureExtractor.Compute(index, roots, exposures);
        var (rows, prints, counts) = Rows(index, roots, seeds, exposures, state, progress, model, features);
        var (clusters, clusterPrints) = Clusters(roots, clusterExposures);
        var next = new EthRiskState(index.TransferCount, index.AddressCount, index.BlockCount, Continuation.Locator(index), options.Epsilon, counts)
        {
            Roots = roots,
            Seeds = seeds.Categories,
            AddressForward = addressForward,
            ClusterForward = clusterForward,
            Rows = prints,
            Clusters = clusterPrints,
        };

        if (state is not null)
        {
            var changed = clusters.Where(c => !state.Clusters.TryGetValue(c.Item1, out var before) || before != clusterPrints[c.Item1]).ToList();
            var removed = state.Clusters.Keys.Where(r => !clusterPrints.ContainsKey(r)).Order().ToList();
            progress?.Report(("eth update store", 0, rows.Count));
            var written = RiskStore.UpdateRows(path, snapshot, next with { Counts = state.Counts }, rows, null, changed, removed);
            return RiskRefreshSummary.Of(index.Height, index.AddressCount, written.Counts, clusters.Count, clock.Elapsed) with
            {
                Chain = "eth",
                Mode = "incremental",
                Recomputed = rows.Count,
            };
        }

        progress?.Report(("eth write", 0, rows.Count));
        RiskStore.WriteRows(path, snapshot with { Addresses = rows.Count }, rows, clusters, next);
        return RiskRefreshSummary.Of(index.Height, rows.Count, counts, clusters.Count, clock.Elapsed) with
        {
            Chain = "eth",
            NotIncremental = full ? null : why,
            Recomputed = rows.Count,
        };
    }

    internal static RiskFacts FactsOf(EthExposures x, int a, long cluster) =>
        ExposureFacts.Of(cluster, x.Received[a], x.Sent[a], x.Amounts[a], x.Categories, x.Discounted[a], x.DiscountedTransfers[a], ExposureFacts.EthDustReason, x.DirectAmounts[a], x.DirectDiscounted[a]);

    /// <summary>
    /// Every address's row and its fingerprint; with a stored state only the rows to write (those whose fingerprint
    /// differs from the stored one, and new addresses'), in key order. The counts are over every row.
    /// </summary>
    private static (List<(byte[], RiskFacts, int, RiskLevel)> Rows, UInt128[] Prints, RiskCounts Counts) Rows(
        EthIndex index, int[] roots, LabelSeeds seeds, EthExposures exposures, EthRiskState? state, IProgress<(string Phase, long Done, long Total)>? progress,
        RiskModel? model, FeatureTable? features)
    {
        var counts = RiskCounts.Empty;
        var prints = new UInt128[index.AddressCount];
        var strings = EthRiskState.PrintStrings();
        var buffer = new ArrayBufferWriter<byte>(256);
        var rows = new List<(byte[], RiskFacts, int, RiskLevel)>(state is null ? index.AddressCount : 1024);
        for (var a = 0; a < index.AddressCount; a++)
        {
            var facts = RiskRefresh.WithModel(FactsOf(exposures, a, roots[a]), model, features, a);
            var score = RiskScorer.Score(facts, RiskRefresh.SeedLabel(seeds, a));
            counts = counts.With(facts, score.Level);
            prints[a] = EthRiskState.RowPrint(index.AddressKey(a), facts, score.Score, score.Level, strings, buffer);
            if (state is null || a >= state.Rows.Length || state.Rows[a] != prints[a])
            {
                rows.Add((index.AddressKey(a).ToArray(), facts, score.Score, score.Level));
            }

            if ((a & 0xFFFF) == 0)
            {
                progress?.Report(("eth score", a, index.AddressCount));
            }
        }

        // In key order the table's B-tree is appended to, not split at random pages.
        rows.Sort((x, y) => x.Item1.AsSpan().SequenceCompareTo(y.Item1));
        return (rows, prints, counts);
    }

    /// <summary>The rows of the clusters of more than one address (value crossing the cluster's boundary) and their fingerprints.</summary>
    private static (List<(long, RiskFacts)> Rows, Dictionary<long, UInt128> Prints) Clusters(int[] roots, EthExposures clusterExposures)
    {
        var sizes = new int[roots.Length];
        foreach (var r in roots)
        {
            sizes[r]++;
        }

        var strings = EthRiskState.PrintStrings();
        var buffer = new ArrayBufferWriter<byte>(256);
        var rows = new List<(long, RiskFacts)>();
        var prints = new Dictionary<long, UInt128>();
        for (var r = 0; r < sizes.Length; r++)
        {
            if (sizes[r] > 1)
            {
                var facts = FactsOf(clusterExposures, r, r) with { Discounted = [] };
                rows.Add((r, facts));
                prints[r] = EthRiskState.RowPrint(BitConverter.GetBytes((long)r), facts, 0, RiskLevel.Low, strings, buffer);
            }
        }

        return (rows, prints);
    }

    /// <summary>Each Ethereum address's deposit-cluster root (itself when the clusters have not reached it or were never built).</summary>
    internal static int[] Roots(ReadModelPaths paths, int addresses)
    {
        if (!File.Exists(Path.Combine(paths.EthClusters, "state.json")))
        {
            return RiskRefresh.Roots(addresses, null);
        }

        using var store = ClusterStore.Open(paths.EthClusters);
        return RiskRefresh.Roots(addresses, store.Forest);
    }
}
