using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Tracing;
using ChainTrace.Index.Service;

namespace ChainTrace.Index.Tracing;

/// <summary>
/// Runs traces over a data directory's read model: validates the request, loads the stop categories' labels,
/// walks the graph (Core's tracers), names what it found, derives the id from the parameters and the data it
/// ran at, and keeps the result under <c>DATA/traces</c> so it can be fetched again after a restart.
/// </summary>
public sealed partial class TraceService(ClusterService clusters, ILabelStore labels, TraceArchive archive) : ITraceRunner
{
    public const string Engine = "chaintrace-trace/1";

    public static JsonSerializerOptions Json { get; } = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    public TraceArchive Archive => archive;

    public async Task<TraceOutcome> TraceAsync(TraceRequest request, IProgress<int>? progress, CancellationToken cancellationToken)
    {
        if (TraceParameters.TryCreate(request, out var code, out var error) is not { } parameters)
        {
            return TraceOutcome.Fail(code!, error!);
        }

        if (parameters.Chain == Chain.Eth)
        {
            return await TraceEthereumAsync(parameters, progress, cancellationToken).ConfigureAwait(false);
        }

        var network = await clusters.Progress.GetNetworkAsync(Chain.Btc, cancellationToken).ConfigureAwait(false) ?? Network.Main;
        var stopLabels = await TraceStopLabels.LoadAsync(labels, parameters.Chain, parameters.Stop, cancellationToken).ConfigureAwait(false);
        var labelSet = await labels.GetLabelSetVersionAsync(cancellationToken).ConfigureAwait(false);
        var walk = await clusters.ReadModelAsync(Chain.Btc, open => UtxoWalk.Execute(open, parameters, network, stopLabels, clusters.Policy.SuperclusterThreshold), cancellationToken).ConfigureAwait(false);
        if (walk is null)
        {
            return TraceOutcome.Fail("no-read-model", "the data directory has no clustered read model yet: run chaintrace ingest (or cluster update) first");
        }

        if (walk.Error is { } failure)
        {
            return TraceOutcome.Fail(failure.Code, failure.Message);
        }

        progress?.Report(walk.Result?.TransactionsVisited ?? 0);
        var edges = new List<TraceEdgeView>();
        var txids = new Dictionary<(long, int), string>();
        async Task<string> TxidAsync(long height, int position)
        {
            if (!txids.TryGetValue((height, position), out var txid))
            {
                txid = (await clusters.Feed.GetTxIdAtAsync(height, position, cancellationToken).ConfigureAwait(false))?.ToString() ?? "";
                txids[(height, position)] = txid;
            }

            return txid;
        }

        foreach (var edge in walk.Edges)
        {
            var txid = await TxidAsync(edge.Height, edge.Position).ConfigureAwait(false);
            var outpoint = $"{await TxidAsync(edge.OutputHeight, edge.OutputPosition).ConfigureAwait(false)}:{edge.Vout.ToString(CultureInfo.InvariantCulture)}";
            edges.Add(new TraceEdgeView(edge.Hop, txid, edge.Height, outpoint, edge.Address, edge.Amount.ToString(CultureInfo.InvariantCulture), edge.Stop));
        }

        return await KeepAsync(parameters, walk.DataHeight, labelSet, walk.Start, walk.Status, walk.Result?.CutShort, walk.Endpoints, edges, Totals(walk.Result), cancellationToken).ConfigureAwait(false);
    }

    /// <summary>Names the provenance, derives the id, serialises and keeps the result.</summary>
    private async Task<TraceOutcome> KeepAsync(
        TraceParameters parameters, long dataHeight, string labelSet, string start, string status, string? cutShort,
        IReadOnlyList<TraceEndpointView> endpoints, IReadOnlyList<TraceEdgeView> edges, TraceTotalsView totals, CancellationToken cancellationToken,
        IReadOnlyList<TraceContactView>? contacts = null)
    {
        var heights = new SortedDictionary<string, long>(StringComparer.Ordinal) { [parameters.Chain.ToCode()] = dataHeight };
        var view = new TraceParametersView(
            parameters.Limits.Hops, parameters.Limits.Breadth, parameters.Limits.MinAmount.ToString(CultureInfo.InvariantCulture),
            parameters.Limits.FromHeight, parameters.Limits.ToHeight, parameters.Limits.Budget.TotalSeconds,
            parameters.Stop.Select(c => c.Id).ToList(), parameters.Asset, clusters.Policy.SuperclusterThreshold);
        var provenance = new TraceProvenance(heights, Engine, clusters.Policy.ToString(), labelSet, view);
        var id = IdOf(parameters, provenance);
        var document = new TraceDocument(
            id, parameters.Chain.ToCode(), start, parameters.Direction == TraceDirection.Forward ? "forward" : "backward",
            parameters.Taint.ToString().ToLowerInvariant(), status, cutShort, endpoints, edges, totals, provenance) { Contacts = contacts };
        var json = JsonSerializer.SerializeToUtf8Bytes(document, Json);
        await archive.SaveAsync(id, json, cancellationToken).ConfigureAwait(false);
        return new TraceOutcome(document, json, null, null);
    }

    async Task<TraceAnswer> ITraceRunner.TraceAsync(TraceRequest request, CancellationToken cancellationToken)
    {
        var outcome = await TraceAsync(request, null, cancellationToken).ConfigureAwait(false);
        return new TraceAnswer(outcome.Document?.Id, outcome.Json, outcome.Code, outcome.Error);
    }

    public async Task<byte[]?> GetAsync(string id, string format, CancellationToken cancellationToken) =>
        await archive.LoadAsync(id, cancellationToken).ConfigureAwait(false) is { } json ? TraceExports.Convert(json, format) : null;

    public Task<TraceAnswer> PathsAsync(string? chain, string? source, string? target, int? hops, CancellationToken cancellationToken) =>
        PathSearch.RunAsync(clusters, chain, source, target, hops, cancellationToken);

    /// <summary>SHA-256 over the canonical parameters and the provenance (data heights, versions): same request, same data, same id.</summary>
    private static string IdOf(TraceParameters parameters, TraceProvenance provenance)
    {
        var canonical = JsonSerializer.Serialize(new
        {
            chain = parameters.Chain.ToCode(),
            start = parameters.Start,
            direction = parameters.Direction.ToString(),
            taint = parameters.Taint.ToString(),
            provenance,
        }, Json);
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(canonical)))[..32];
    }

    private static TraceTotalsView Totals(UtxoTraceRun? run)
    {
        var t = run?.Totals ?? new TraceTotals();
        static string S(long v) => v.ToString(CultureInfo.InvariantCulture);
        return new TraceTotalsView(S(t.Traced), S(t.ReachedEndpoints), S(t.Unspent), S(t.Fees), S(t.BelowMinimum), S(t.CutByLimits),
            S(t.CutByHops), S(t.CutByBreadth), S(t.CutByWindow), S(t.CutByTime));
    }
}
