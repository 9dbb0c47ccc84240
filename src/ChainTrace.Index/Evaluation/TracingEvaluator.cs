using System.Numerics;
using System.Text.Json;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.Core.Tracing;
using ChainTrace.Index.Service;
using ChainTrace.Index.Tracing;

namespace ChainTrace.Index.Evaluation;

/// <summary>
/// Runs a forward trace from each flagged source of a simulator truth directory (all its entity's addresses, as
/// the simulator's ledger treats a flagged entity's coins) under FIFO, haircut and poison, with the data
/// directory's labels as stops (exchange), and compares what reached each exchange entity with <c>flows.jsonl</c>.
/// Following the ledger's convention, the other flagged sources' addresses also stop the trace (their coins are
/// wholly their own taint). No hop or breadth limit: the truth has none.
/// </summary>
public static class TracingEvaluator
{
    /// <summary>
    /// The ledger follows taint until it reaches an exchange or stays unspent, however many transactions that
    /// takes, so the traces have no hop limit either. Not the API's maximum of 10: the simulated hacker's coins
    /// pass through the mixer and ordinary users' change for more than ten hops before some reach an exchange
    /// (<c>demo</c> seed 6, <c>risk</c> seeds 1, 7, 41, 99), and a capped trace counted that value as
    /// <c>cutByHops</c> where the truth counts it at the exchange.
    /// </summary>
    internal static TraceLimits LedgerLimits(TimeSpan? budget) => new(int.MaxValue, int.MaxValue, 0, null, null, budget ?? DefaultBudget);

    /// <summary>Each trace's time budget unless the caller gives one.</summary>
    public static readonly TimeSpan DefaultBudget = TimeSpan.FromMinutes(10);

    /// <summary>A trace cut short by its time budget would score partial figures as if complete: the evaluation stops instead.</summary>
    internal static void EnsureComplete(string? cutShort, long source, TaintModel model, TimeSpan? budget)
    {
        if (cutShort is not null)
        {
            throw new TimeoutException(
                $"the {model.ToString().ToLowerInvariant()} trace from source entity {source} stopped at its time budget of {(budget ?? DefaultBudget).TotalSeconds:0.###} s ({cutShort}): its figures would be partial, so no EVAL line; give a larger --time-budget");
        }
    }

    public static async Task<TracingScore> ScoreAsync(string truthDirectory, ClusterService clusters, ILabelStore labels, CancellationToken cancellationToken, TimeSpan? budget = null)
    {
        ArgumentNullException.ThrowIfNull(clusters);
        var flows = Flows(truthDirectory, "btc");
        var entityOf = EntityOf(truthDirectory, "btc");
        var network = await clusters.Progress.GetNetworkAsync(Chain.Btc, cancellationToken).ConfigureAwait(false) ?? Network.Main;
        var stopLabels = await TraceStopLabels.LoadAsync(labels, Chain.Btc, [LabelTaxonomy.Exchange], cancellationToken).ConfigureAwait(false);
        var sources = flows.Select(f => f.Source).Distinct().Order().ToList();
        var reached = await clusters.ReadModelAsync(Chain.Btc, open => Walk(open, network, stopLabels, sources, entityOf, clusters.Policy.SuperclusterThreshold, budget), cancellationToken).ConfigureAwait(false)
            ?? throw new InvalidDataException("the data directory has no clustered Bitcoin read model: ingest the simulator's blocks first");
        return Compare(flows, reached, sources.Count);
    }

    /// <summary>The truth's flow lines of one chain: flagged source, exchange, FIFO and haircut amounts.</summary>
    internal static List<(long Source, long Exchange, BigInteger Fifo, BigInteger Haircut)> Flows(string truthDirectory, string chain) =>
        TruthLines(Path.Combine(truthDirectory, "flows.jsonl"))
            .Where(f => f.GetProperty("chain").GetString() == chain)
            .Select(f => (f.GetProperty("source_entity_id").GetInt64(), f.GetProperty("exchange_entity_id").GetInt64(),
                BigInteger.Parse(f.GetProperty("fifo").GetString()!, System.Globalization.CultureInfo.InvariantCulture),
                BigInteger.Parse(f.GetProperty("haircut").GetString()!, System.Globalization.CultureInfo.InvariantCulture)))
            .ToList();

    /// <summary>The truth's address → entity map of one chain (addresses as the truth writes them).</summary>
    internal static Dictionary<string, long> EntityOf(string truthDirectory, string chain)
    {
        var entityOf = new Dictionary<string, long>(StringComparer.Ordinal);
        foreach (var line in TruthLines(Path.Combine(truthDirectory, "addresses.jsonl")))
        {
            if (line.GetProperty("chain").GetString() == chain)
            {
                entityOf[line.GetProperty("address").GetString()!] = line.GetProperty("entity_id").GetInt64();
            }
        }

        return entityOf;
    }

    /// <summary>What the traces found per (source, exchange) against every truth flow line.</summary>
    internal static TracingScore Compare(
        List<(long Source, long Exchange, BigInteger Fifo, BigInteger Haircut)> flows,
        Dictionary<(long Source, long Exchange), (BigInteger Fifo, BigInteger Haircut, BigInteger Poison)> reached, int sources)
    {
        double fifoErr = 0, haircutErr = 0;
        var (found, pairs, superset) = (0, 0, true);
        foreach (var flow in flows)
        {
            var got = reached.GetValueOrDefault((flow.Source, flow.Exchange));
            pairs++;
            found += got.Haircut > 0 ? 1 : 0;
            fifoErr = Math.Max(fifoErr, RelErr(got.Fifo, flow.Fifo));
            haircutErr = Math.Max(haircutErr, RelErr(got.Haircut, flow.Haircut));
            superset &= got.Poison >= flow.Fifo && got.Poison >= flow.Haircut && got.Poison > 0;
        }

        return new TracingScore(sources, pairs, pairs == 0 ? 1 : (double)found / pairs, fifoErr, haircutErr, superset);
    }

    /// <summary>Adds one edge's amount under its model to the (source, exchange) sums.</summary>
    internal static void Add(Dictionary<(long, long), (BigInteger Fifo, BigInteger Haircut, BigInteger Poison)> result, long source, long exchange, TaintModel model, BigInteger amount)
    {
        var v = result.GetValueOrDefault((source, exchange));
        result[(source, exchange)] = model switch
        {
            TaintModel.Fifo => (v.Fifo + amount, v.Haircut, v.Poison),
            TaintModel.Haircut => (v.Fifo, v.Haircut + amount, v.Poison),
            _ => (v.Fifo, v.Haircut, v.Poison + amount),
        };
    }

    private static double RelErr(BigInteger got, BigInteger truth) =>
        truth.IsZero ? (got.IsZero ? 0 : 1) : Math.Abs((double)(got - truth)) / (double)truth;

    private static Dictionary<(long Source, long Exchange), (BigInteger Fifo, BigInteger Haircut, BigInteger Poison)> Walk(
        ChainClusters open, Network network, TraceStopLabels stopLabels, List<long> sources, Dictionary<string, long> entityOf, int threshold, TimeSpan? budget)
    {
        var index = open.Utxo!;
        var addressesOf = new Dictionary<long, HashSet<int>>();
        foreach (var (text, entity) in entityOf)
        {
            var id = index.FindAddress(Address.Parse(Chain.Btc, text, network).Key);
            if (id >= 0)
            {
                (addressesOf.TryGetValue(entity, out var set) ? set : addressesOf[entity] = []).Add(id);
            }
        }

        var labelled = stopLabels.ByAddress.Select(p => index.FindAddress(p.Key)).Where(id => id >= 0).ToHashSet();
        var labelledClusters = stopLabels.ByCluster.Where(p => p.Cluster < open.Clusters.Forest.Count).Select(p => open.Clusters.Forest.Find((int)p.Cluster)).ToHashSet();
        var result = new Dictionary<(long, long), (BigInteger Fifo, BigInteger Haircut, BigInteger Poison)>();
        var graph = new UtxoFlowGraph(index);
        foreach (var source in sources)
        {
            var own = addressesOf.GetValueOrDefault(source) ?? [];
            var others = new HashSet<int>(labelled);
            foreach (var other in sources.Where(s => s != source))
            {
                others.UnionWith(addressesOf.GetValueOrDefault(other) ?? []);
            }

            others.ExceptWith(own);
            var stops = new TraceStops(open.Clusters.Forest, others, labelledClusters, threshold);
            foreach (var model in new[] { TaintModel.Fifo, TaintModel.Haircut, TaintModel.Poison })
            {
                var run = UtxoForwardTracer.Run(graph, stops, new TraceStart(own), model, LedgerLimits(budget));
                EnsureComplete(run.CutShort, source, model, budget);
                foreach (var edge in run.Edges.Where(e => e.Stop != StopKind.None))
                {
                    var key = BtcAddressKey.ToAddress(index.AddressKey(index.Output(edge.Output).Address), network).ToString();
                    if (!entityOf.TryGetValue(key, out var exchange))
                    {
                        continue;
                    }

                    Add(result, source, exchange, model, edge.Amount);
                }
            }
        }

        return result;
    }

    internal static IEnumerable<JsonElement> TruthLines(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"{path}: no such truth file (expected a simulator truth directory)", path);
        }

        var number = 0;
        foreach (var line in File.ReadLines(path))
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            JsonElement element;
            try
            {
                using var document = JsonDocument.Parse(line);
                element = document.RootElement.Clone();
            }
            catch (JsonException ex)
            {
                throw new InvalidDataException($"{path}:{number}: not a JSON line: {ex.Message}", ex);
            }

            yield return element;
        }
    }
}
