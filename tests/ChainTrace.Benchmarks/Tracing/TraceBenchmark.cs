using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using ChainTrace.Bitcoin.Blocks;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Clustering;
using ChainTrace.Core.Ingest;
using ChainTrace.Core.Tracing;
using ChainTrace.Index.Clustering;
using ChainTrace.Index.Service;
using ChainTrace.Index.Tracing;
using ChainTrace.Index.Utxo;
using ChainTrace.Simulator;
using ChainTrace.Storage.Sqlite;

namespace ChainTrace.Benchmarks.Tracing;

/// <summary>
/// The <c>large</c> economy (default 1,000,000 Bitcoin transactions) simulated, ingested into SQLite and clustered;
/// then 200 forward haircut traces of 6 hops (breadth 50) from random addresses of the truth's flagged sources,
/// stopping at the exchanges' addresses and at superclusters, by Core's tracer over the memory-mapped read model
/// — and in the same run the same traversals over the same edges copied into plain arrays (the floor).
/// Options: <c>--tx N</c>, <c>--traces N</c>.
/// </summary>
public sealed class TraceBenchmark : IBenchmark
{
    public string Name => "trace";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var txCount = int.Parse(Option(args, "--tx") ?? "1000000", CultureInfo.InvariantCulture);
        var traces = int.Parse(Option(args, "--traces") ?? "200", CultureInfo.InvariantCulture);
        var work = Path.Combine(Path.GetTempPath(), $"chaintrace-bench-trace-{Guid.NewGuid():N}");
        try
        {
            var clock = Stopwatch.StartNew();
            var sim = await ChainTrace.Simulator.Simulator.RunAsync(
                new SimulationOptions { Scenario = "large", Seed = 7, OutDir = Path.Combine(work, "sim"), Scale = txCount, Signed = false }, cancellationToken);
            Console.WriteLine($"simulated {sim.BitcoinTransactions} tx in {sim.BitcoinBlocks} blocks, {clock.Elapsed.TotalSeconds:F1} s");
            var data = Path.Combine(work, "data");
            await using var store = await SqliteGraphStore.OpenAsync(Path.Combine(data, "graph.db"), cancellationToken);
            clock.Restart();
            var source = new BlocksDirectorySource(new BlocksDirectorySourceOptions(Path.Combine(work, "sim", "btc", "blocks"), Network.Regtest));
            var ingested = await new UtxoIngestor(store, source).RunAsync(new UtxoIngestOptions(), null, cancellationToken);
            Console.WriteLine($"ingested {ingested.Transactions} tx, {clock.Elapsed.TotalSeconds:F1} s");
            clock.Restart();
            using (var service = new ClusterService(data, store, store, ClusteringPolicy.Default))
            {
                var clustered = await service.UpdateAsync(Chain.Btc, null, cancellationToken);
                Console.WriteLine($"clustered: {clustered.Clusters} clusters, largest {clustered.Largest}, {clock.Elapsed.TotalSeconds:F1} s");
            }

            var paths = new ReadModelPaths(data);
            using var index = UtxoIndex.Open(paths.Btc, store);
            using var clusters = ClusterStore.Open(paths.BtcClusters);
            var truth = Path.Combine(work, "sim", "truth");
            var (flagged, exchanges) = Roles(truth, index);
            var stops = TraceGraphs.Stops(clusters.Forest, exchanges, new HashSet<int>(), ClusteringPolicy.Default.SuperclusterThreshold);
            var random = new Random(12);
            var starts = Enumerable.Range(0, traces).Select(_ => flagged[random.Next(flagged.Count)]).ToList();
            var limits = TraceLimits.Default with { Hops = 6 };
            var mapped = TraceGraphs.Over(index);
            clock.Restart();
            var arrays = new ArrayFlowGraph(mapped, index.OutputCount, index.AddressCount);
            Console.WriteLine($"{flagged.Count} flagged addresses, {exchanges.Count} exchange addresses; arrays copied in {clock.Elapsed.TotalSeconds:F1} s");

            var (times, edges) = Time(mapped, stops, starts, limits);
            var (floor, floorEdges) = Time(arrays, stops, starts, limits);
            if (edges != floorEdges)
            {
                throw new InvalidOperationException($"the read model and the arrays gave different traversals ({edges} vs {floorEdges} edges)");
            }

            var (p50, p95, b50) = (Percentile(times, 0.50), Percentile(times, 0.95), Percentile(floor, 0.50));
            Console.WriteLine($"read model: p50 {p50:F3} ms, p95 {p95:F3} ms; arrays: p50 {b50:F3} ms, p95 {Percentile(floor, 0.95):F3} ms");
            // Traces here take microseconds: four significant digits, not BenchLine's two decimals.
            static string G(double v) => v.ToString("G4", CultureInfo.InvariantCulture);
            BenchLine.Print(Name, ("p50_ms", G(p50)), ("p95_ms", G(p95)), ("baseline_p50_ms", G(b50)), ("ratio", G(b50 > 0 ? p50 / b50 : 0)), ("edges_per_trace", G((double)edges / traces)));
            return 0;
        }
        finally
        {
            if (Directory.Exists(work))
            {
                Directory.Delete(work, recursive: true);
            }
        }
    }

    /// <summary>Each start traced once to warm up, then timed; returns per-trace milliseconds and the total edges.</summary>
    private static (List<double> Times, long Edges) Time(IUtxoFlowGraph graph, ITraceStops stops, List<int> starts, TraceLimits limits)
    {
        foreach (var start in starts.Take(20))
        {
            UtxoForwardTracer.Run(graph, stops, new TraceStart(new HashSet<int> { start }), TaintModel.Haircut, limits);
        }

        var times = new List<double>();
        long edges = 0;
        foreach (var start in starts)
        {
            var clock = Stopwatch.StartNew();
            var run = UtxoForwardTracer.Run(graph, stops, new TraceStart(new HashSet<int> { start }), TaintModel.Haircut, limits);
            times.Add(clock.Elapsed.TotalMilliseconds);
            edges += run.Edges.Count;
        }

        return (times, edges);
    }

    private static double Percentile(List<double> values, double p)
    {
        var sorted = values.Order().ToList();
        return sorted[Math.Min(sorted.Count - 1, (int)Math.Ceiling(p * sorted.Count) - 1)];
    }

    /// <summary>Read-model ids of the addresses of the truth's flagged sources (btc flows) and of its exchanges.</summary>
    private static (List<int> Flagged, HashSet<int> Exchanges) Roles(string truth, UtxoIndex index)
    {
        static IEnumerable<JsonElement> Lines(string file) => File.ReadLines(file).Where(l => l.Length > 0).Select(l => JsonDocument.Parse(l).RootElement);
        var sources = Lines(Path.Combine(truth, "flows.jsonl")).Where(f => f.GetProperty("chain").GetString() == "btc")
            .Select(f => f.GetProperty("source_entity_id").GetInt64()).ToHashSet();
        var exchangeEntities = Lines(Path.Combine(truth, "entities.jsonl")).Where(e => e.GetProperty("category").GetString() == "exchange")
            .Select(e => e.GetProperty("entity_id").GetInt64()).ToHashSet();
        var (flagged, exchanges) = (new List<int>(), new HashSet<int>());
        foreach (var line in Lines(Path.Combine(truth, "addresses.jsonl")).Where(a => a.GetProperty("chain").GetString() == "btc"))
        {
            var entity = line.GetProperty("entity_id").GetInt64();
            if (!sources.Contains(entity) && !exchangeEntities.Contains(entity))
            {
                continue;
            }

            var id = index.FindAddress(Address.Parse(Chain.Btc, line.GetProperty("address").GetString()!, Network.Regtest).Key);
            if (id >= 0)
            {
                (sources.Contains(entity) ? (ICollection<int>)flagged : exchanges).Add(id);
            }
        }

        return (flagged, exchanges);
    }

    private static string? Option(string[] args, string name)
    {
        var i = Array.IndexOf(args, name);
        return i >= 0 && i + 1 < args.Length ? args[i + 1] : null;
    }
}
