using System.Globalization;
using System.Text.Json;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Tracing;
using ChainTrace.Index.Service;

namespace ChainTrace.Index.Tracing;

/// <summary><c>GET /v1/paths</c> and <c>chaintrace paths</c>: connection search over the Bitcoin read model (Ethereum: <see cref="EthPathSearch"/>).</summary>
internal static class PathSearch
{
    public const int MaxPaths = 100;

    public static async Task<TraceAnswer> RunAsync(ClusterService clusters, string? chain, string? from, string? to, int? hops, CancellationToken cancellationToken)
    {
        if (!ChainCodes.TryParse(chain, out var parsed))
        {
            return new TraceAnswer(null, null, "unknown-chain", $"unknown chain '{chain}': expected btc or eth");
        }

        var limit = hops ?? TraceLimits.DefaultHops;
        if (limit < 1 || limit > TraceLimits.MaxHops)
        {
            return new TraceAnswer(null, null, "hop-limit-out-of-range", $"hops {limit} is out of range: 1 to {TraceLimits.MaxHops}");
        }

        if (string.IsNullOrWhiteSpace(from) || string.IsNullOrWhiteSpace(to))
        {
            return new TraceAnswer(null, null, "bad-start", "from and to are required: an address or cluster:<id> each");
        }

        if (parsed == Chain.Eth)
        {
            return await EthPathSearch.RunAsync(clusters, from, to, limit, cancellationToken).ConfigureAwait(false);
        }

        var network = await clusters.Progress.GetNetworkAsync(Chain.Btc, cancellationToken).ConfigureAwait(false) ?? Network.Main;
        var found = await clusters.ReadModelAsync(Chain.Btc, open =>
        {
            var index = open.Utxo!;
            if (UtxoWalk.ResolveStart(open, from.Trim(), network) is not { } source || UtxoWalk.ResolveStart(open, to.Trim(), network) is not { } target
                || source.Start.Output >= 0 || target.Start.Output >= 0)
            {
                return new Found(true, "", "", -1, []);
            }

            var height = index.Tip?.Height ?? -1;
            if (!source.Known || !target.Known)
            {
                return new Found(false, source.Canonical, target.Canonical, height, []);
            }

            var paths = ConnectionSearch.Find(new UtxoFlowGraph(index), source.Start, target.Start.Addresses, limit, MaxPaths, TraceLimits.Default.Budget);
            return new Found(false, source.Canonical, target.Canonical, height,
                paths.Select(p => (IReadOnlyList<NamedEdge>)p.Select(e => UtxoWalk.Name(index, e, network)).ToList()).ToList());
        }, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return new TraceAnswer(null, null, "no-read-model", "the data directory has no clustered read model yet: run chaintrace ingest first");
        }

        if (found.Bad)
        {
            return new TraceAnswer(null, null, "bad-start", $"from '{from}' and to '{to}' must be Bitcoin addresses or cluster:<id>");
        }

        var views = new List<IReadOnlyList<TraceEdgeView>>();
        foreach (var path in found.Names)
        {
            var hopsOfPath = new List<TraceEdgeView>();
            foreach (var e in path)
            {
                var txid = (await clusters.Feed.GetTxIdAtAsync(e.Height, e.Position, cancellationToken).ConfigureAwait(false))?.ToString() ?? "";
                var creator = (await clusters.Feed.GetTxIdAtAsync(e.OutputHeight, e.OutputPosition, cancellationToken).ConfigureAwait(false))?.ToString() ?? "";
                hopsOfPath.Add(new TraceEdgeView(e.Hop, txid, e.Height, $"{creator}:{e.Vout.ToString(CultureInfo.InvariantCulture)}", e.Address, e.Amount.ToString(CultureInfo.InvariantCulture), e.Stop));
            }

            views.Add(hopsOfPath);
        }

        var status = found.Names.Count == 0 ? "no_connection" : "found";
        var document = new PathsDocument("btc", found.From, found.To, limit, status, views, new SortedDictionary<string, long>(StringComparer.Ordinal) { ["btc"] = found.Height });
        return new TraceAnswer(null, JsonSerializer.SerializeToUtf8Bytes(document, TraceService.Json), null, null);
    }

    private sealed record Found(bool Bad, string From, string To, long Height, List<IReadOnlyList<NamedEdge>> Names);
}
