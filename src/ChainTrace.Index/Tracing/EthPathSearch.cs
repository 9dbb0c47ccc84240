using System.Globalization;
using System.Text.Json;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Tracing;
using ChainTrace.Core.Tracing.Account;
using ChainTrace.Index.Service;

namespace ChainTrace.Index.Tracing;

/// <summary>Connection search over the Ethereum ledger of ether: the paths from one address (or cluster) to another within N hops.</summary>
internal static class EthPathSearch
{
    public static async Task<TraceAnswer> RunAsync(ClusterService clusters, string from, string to, int limit, CancellationToken cancellationToken)
    {
        var blocks = await EthLedgerBlocks.ReadAsync(clusters.Feed, cancellationToken).ConfigureAwait(false);
        var found = await clusters.ReadModelAsync(Chain.Eth, open =>
        {
            var ledger = EthLedger.Build(open.Eth!, blocks.Where(b => b.Header.Height <= open.Eth!.Height), null);
            if (EthWalk.ResolveStart(open, ledger, from.Trim()) is not { } source || EthWalk.ResolveStart(open, ledger, to.Trim()) is not { } target
                || source.Start.Movement >= 0 || target.Start.Movement >= 0)
            {
                return new Found(null);
            }

            var views = new List<IReadOnlyList<TraceEdgeView>>();
            if (source.Known && target.Known)
            {
                foreach (var path in AccountConnectionSearch.Find(ledger, source.Start.Addresses, target.Start.Addresses, limit, PathSearch.MaxPaths, TraceLimits.Default.Budget))
                {
                    views.Add(path.Select(e => View(ledger, e)).ToList());
                }
            }

            return new Found(new PathsDocument("eth", source.Canonical, target.Canonical, limit, views.Count == 0 ? "no_connection" : "found", views,
                new SortedDictionary<string, long>(StringComparer.Ordinal) { ["eth"] = open.Eth!.Height }));
        }, cancellationToken).ConfigureAwait(false);
        if (found is null)
        {
            return new TraceAnswer(null, null, "no-read-model", "the data directory has no clustered Ethereum read model yet: run chaintrace ingest eth first");
        }

        return found.Document is null
            ? new TraceAnswer(null, null, "bad-start", $"from '{from}' and to '{to}' must be Ethereum addresses or cluster:<id>")
            : new TraceAnswer(null, JsonSerializer.SerializeToUtf8Bytes(found.Document, TraceService.Json), null, null);
    }

    private static TraceEdgeView View(EthLedger ledger, AccountTraceEdge edge)
    {
        var m = ledger.Movement(edge.Movement);
        var tx = ledger.TxHash(m.Tx);
        var stop = edge.Stop == StopKind.None ? null : "endpoint";
        return new TraceEdgeView(edge.Hop, "0x" + tx, ledger.Height(m.Tx), $"0x{tx}:{ledger.Position(edge.Movement)}", ledger.Address(m.To).ToString(),
            edge.Amount.ToString(CultureInfo.InvariantCulture), stop);
    }

    private sealed record Found(PathsDocument? Document);
}
