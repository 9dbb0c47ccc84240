using System.Numerics;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.Core.Tracing;
using ChainTrace.Core.Tracing.Account;
using ChainTrace.Index.Service;
using ChainTrace.Index.Tracing;

namespace ChainTrace.Index.Evaluation;

/// <summary>
/// <see cref="TracingEvaluator"/> for Ethereum: forward ether traces from each flagged source of the truth (all
/// its entity's accounts) over the stored ledger — gas first, then value, then internal calls, as the simulator's
/// <c>EthTaintLedger</c> — under FIFO, haircut and poison, with the data directory's exchange labels and the other
/// flagged sources as stops, compared with the truth's <c>eth</c> flow lines (ether only: the truth tracks no tokens).
/// </summary>
public static class EthTracingEvaluator
{
    public static async Task<TracingScore> ScoreAsync(string truthDirectory, ClusterService clusters, ILabelStore labels, CancellationToken cancellationToken, TimeSpan? budget = null)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        var flows = TracingEvaluator.Flows(truthDirectory, "eth");
        var entityOf = TracingEvaluator.EntityOf(truthDirectory, "eth");
        var stopLabels = await TraceStopLabels.LoadAsync(labels, Chain.Eth, [LabelTaxonomy.Exchange], cancellationToken).ConfigureAwait(false);
        var blocks = await EthLedgerBlocks.ReadAsync(clusters.Feed, cancellationToken).ConfigureAwait(false);
        var sources = flows.Select(f => f.Source).Distinct().Order().ToList();
        var reached = await clusters.ReadModelAsync(Chain.Eth, open =>
        {
            var ledger = EthLedger.Build(open.Eth!, blocks.Where(b => b.Header.Height <= open.Eth!.Height), token: null);
            return Walk(open, ledger, stopLabels, sources, entityOf, clusters.Policy.SuperclusterThreshold, budget);
        }, cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException("the data directory has no clustered Ethereum read model: ingest the simulator's ETL export first");
        return TracingEvaluator.Compare(flows, reached, sources.Count);
    }

    private static Dictionary<(long, long), (BigInteger Fifo, BigInteger Haircut, BigInteger Poison)> Walk(
        ChainClusters open, EthLedger ledger, TraceStopLabels stopLabels, List<long> sources, Dictionary<string, long> entityOf, int threshold, TimeSpan? budget)
    {
        var addressesOf = new Dictionary<long, HashSet<int>>();
        foreach (var (text, entity) in entityOf)
        {
            var id = ledger.Find(EthAddress.Parse(text));
            if (id >= 0)
            {
                (addressesOf.TryGetValue(entity, out var set) ? set : addressesOf[entity] = []).Add(id);
            }
        }

        var result = new Dictionary<(long, long), (BigInteger Fifo, BigInteger Haircut, BigInteger Poison)>();
        foreach (var source in sources)
        {
            var own = addressesOf.GetValueOrDefault(source) ?? [];
            var others = sources.Where(s => s != source).SelectMany(s => addressesOf.GetValueOrDefault(s) ?? []);
            var stops = EthStops.Build(open, ledger, stopLabels, own, threshold, others);
            foreach (var model in new[] { TaintModel.Fifo, TaintModel.Haircut, TaintModel.Poison })
            {
                var run = AccountTracer.Run(ledger, stops, new AccountTraceStart(own), model, TracingEvaluator.LedgerLimits(budget));
                TracingEvaluator.EnsureComplete(run.CutShort, source, model, budget);
                foreach (var edge in run.Edges.Where(e => e.Stop != StopKind.None))
                {
                    if (entityOf.TryGetValue(ledger.Address(ledger.Movement(edge.Movement).To).ToString(), out var exchange))
                    {
                        TracingEvaluator.Add(result, source, exchange, model, edge.Amount);
                    }
                }
            }
        }

        return result;
    }
}
