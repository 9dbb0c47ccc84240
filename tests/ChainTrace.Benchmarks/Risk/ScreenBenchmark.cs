using ChainTrace.Api.Audit;
using ChainTrace.Benchmarks.Api;
using ChainTrace.Cli.Hosting;
using ChainTrace.Core.Access;
using ChainTrace.Storage.Sqlite;
using ChainTrace.Storage.Sqlite.AppState;
using Microsoft.Extensions.DependencyInjection;

namespace ChainTrace.Benchmarks.Risk;

/// <summary>
/// Screening under load: the service <c>chaintrace serve</c> composes, with keys, rate limits and the audit log on,
/// over the <see cref="ScoredStore"/> (≥ 1,000,000 scored addresses, refreshed first: its <c>BENCH risk-refresh</c>
/// line is printed too). <c>wrk</c> (2 threads, 32 connections, 15 s, an exchange key) drives
/// <c>GET /v1/addresses/btc/{address}/risk</c> on a random one of 100,000 known addresses per request; in the same
/// run, the constant <c>GET /health/live</c> of the same server (no key: it is public) is the baseline. Screening rate limits are raised so
/// they do not cap the measurement. The files a screening reads are read once beforehand (page cache) and each
/// endpoint gets a short wrk warm-up. Options: <c>--tx N</c>, <c>--work DIR</c>, <c>--no-refresh</c> (with a reused <c>--work</c> store: screen its stored refresh, unless the model changed), <c>--no-model</c> (score without the behaviour model), <c>--seconds N</c> (15), <c>--connections N</c> (32), <c>--path-only</c> (only the in-process answer and audit paths, <see cref="ScreenPath"/>, <see cref="AuditPath"/>), <c>--without-access</c> (after the measurement, the same on a server without keys, rate limits and audit, for the record), <c>--hold N</c> (for profiling: keep the server up N seconds first, its url, key and wrk script in <c>server.txt</c>).
/// </summary>
public sealed class ScreenBenchmark : IBenchmark
{
    public string Name => "screen";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var seconds = int.Parse(ScoredStore.Option(args, "--seconds") ?? "15", System.Globalization.CultureInfo.InvariantCulture);
        var connections = int.Parse(ScoredStore.Option(args, "--connections") ?? "32", System.Globalization.CultureInfo.InvariantCulture);
        using var store = await ScoredStore.BuildAsync(args, cancellationToken);
        var refresh = args.Contains("--no-refresh") && store.Reused && !store.ModelChanged ? null : await store.RefreshAsync(cancellationToken);
        if (refresh is not null)
        {
            RiskRefreshBenchmark.Print(refresh);
        }

        var addresses = store.SampleAddresses(100_000);
        var pathsFile = Path.Combine(store.Work, "paths.txt");
        await File.WriteAllLinesAsync(pathsFile, addresses.Select(a => $"/v1/addresses/btc/{a}/risk"), cancellationToken);
        var script = Path.Combine(store.Work, "random.lua");
        await File.WriteAllTextAsync(script, RandomPathScript(pathsFile), cancellationToken);
        Console.WriteLine($"page cache warmed with {store.WarmPageCache() / (1024 * 1024)} MB (stored refresh, labels, read model)");
        Console.WriteLine($"{refresh?.Addresses.ToString(System.Globalization.CultureInfo.InvariantCulture) ?? "(stored)"} scored addresses; wrk picks among {addresses.Count} of them");

        Environment.SetEnvironmentVariable("CHAINTRACE__RateLimits__ScreeningBurst", "100000000");
        Environment.SetEnvironmentVariable("CHAINTRACE__RateLimits__ScreeningPerSecond", "100000000");
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        await using var graph = await SqliteGraphStore.OpenAsync(Path.Combine(store.Data, "graph.db"), cancellationToken);
        await using var appState = await SqliteAppStateStore.OpenAsync(Path.Combine(store.Data, "appstate.db"), cancellationToken);
        var key = (await ApiKeyIssuer.IssueAsync(appState, $"bench-exchange-{Guid.NewGuid():N}", ApiRole.Exchange, null, DateTimeOffset.UtcNow, cancellationToken))!.Text;
        WrkResult baseline, screen;
        await using (var app = ServiceHost.Build(graph, appState, "http://127.0.0.1:0"))
        {
            await app.StartAsync(cancellationToken);
            Console.WriteLine(await ScreenPath.MeasureAsync(app.Services, store.Data, addresses, cancellationToken));
            Console.WriteLine(await AuditPath.MeasureAsync(store.Work, cancellationToken));
            Console.WriteLine(await ColdClusterLabels.MeasureAsync(app.Services, cancellationToken));
            if (args.Contains("--path-only"))
            {
                await app.StopAsync(cancellationToken);
                return 0;
            }

            var root = app.Urls.First().TrimEnd('/');
            if (ScoredStore.Option(args, "--hold") is { } hold)
            {
                // For profiling: keep the server up for N seconds and say how to reach it.
                await File.WriteAllTextAsync(Path.Combine(store.Work, "server.txt"), $"{root}\n{key}\n{script}\n", cancellationToken);
                Console.WriteLine($"holding the server at {root} for {hold} s (url, key and wrk script in {Path.Combine(store.Work, "server.txt")})");
                await Task.Delay(TimeSpan.FromSeconds(int.Parse(hold, System.Globalization.CultureInfo.InvariantCulture)), cancellationToken);
            }

            await Wrk.RunAsync(root + "/health/live", null, 2, connections, cancellationToken);
            await Wrk.RunAsync(root, key, 5, connections, cancellationToken, script);
            await WarmUntilJitSettlesAsync(root, key, connections, script, cancellationToken);
            var cpuBefore = Environment.CpuUsage.TotalTime;
            var allocatedBefore = GC.GetTotalAllocatedBytes();
            var baselineOutput = await Wrk.RunAsync(root + "/health/live", null, seconds, connections, cancellationToken);
            var cpuBaseline = Environment.CpuUsage.TotalTime - cpuBefore;
            var allocatedBaseline = GC.GetTotalAllocatedBytes() - allocatedBefore;
            cpuBefore = Environment.CpuUsage.TotalTime;
            allocatedBefore = GC.GetTotalAllocatedBytes();
            var batcher = app.Services.GetRequiredService<AuditBatcher>();
            var writtenBefore = batcher.Written;
            var screenOutput = await Wrk.RunAsync(root, key, seconds, connections, cancellationToken, script);
            var cpuScreen = Environment.CpuUsage.TotalTime - cpuBefore;
            var allocatedScreen = GC.GetTotalAllocatedBytes() - allocatedBefore;
            var written = batcher.Written;
            var batches = written.Batches - writtenBefore.Batches;
            Console.WriteLine($"audit group commit: {batches} batches (fsyncs), {(written.Events - writtenBefore.Events) / (double)Math.Max(1, batches):F1} entries each on average");
            baseline = WrkResult.Parse(baselineOutput);
            screen = WrkResult.Parse(screenOutput);
            Console.WriteLine($"server CPU per request: baseline {CpuMicros(cpuBaseline, baseline, seconds)} us, screening {CpuMicros(cpuScreen, screen, seconds)} us; allocated per request: baseline {PerRequest(allocatedBaseline, baseline, seconds)} B, screening {PerRequest(allocatedScreen, screen, seconds)} B; GCs so far {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)}");
            PrintErrors("baseline", baselineOutput);
            PrintErrors("screening", screenOutput);
            await app.StopAsync(cancellationToken);
        }

        if (args.Contains("--without-access"))
        {
            Console.WriteLine(await WithoutAccessAsync(graph, appState, script, seconds, connections, cancellationToken));
        }

        var audited = 0L;
        await foreach (var _ in appState.ReadAllAsync(cancellationToken))
        {
            audited++;
        }

        Console.WriteLine($"baseline /health/live: {baseline}; screening: {screen}; audit entries written: {audited}");
        BenchLine.Print(Name,
            ("rps", Math.Round(screen.Rps)),
            ("p99_ms", screen.P99Ms),
            ("baseline_rps", Math.Round(baseline.Rps)),
            ("ratio", screen.Rps / baseline.Rps),
            ("errors", screen.Errors + baseline.Errors));
        return 0;
    }

    /// <summary>
    /// For the record, not the BENCH line: the same two endpoints on a server built without access control (no keys,
    /// rate limits or audit), so a run shows what the answer itself costs against what keys and the durable audit add.
    /// </summary>
    private static async Task<string> WithoutAccessAsync(SqliteGraphStore graph, SqliteAppStateStore appState, string script, int seconds, int connections, CancellationToken cancellationToken)
    {
        await using var app = ServiceHost.Build(graph, appState, "http://127.0.0.1:0", accessControl: false);
        await app.StartAsync(cancellationToken);
        var root = app.Urls.First().TrimEnd('/');
        await Wrk.RunAsync(root + "/health/live", null, 2, connections, cancellationToken);
        await WarmUntilJitSettlesAsync(root, "none", connections, script, cancellationToken);
        var baseline = WrkResult.Parse(await Wrk.RunAsync(root + "/health/live", null, seconds, connections, cancellationToken));
        var screen = WrkResult.Parse(await Wrk.RunAsync(root, "none", seconds, connections, cancellationToken, script));
        await app.StopAsync(cancellationToken);
        return string.Create(System.Globalization.CultureInfo.InvariantCulture,
            $"without access control (no keys, rate limits or audit; not the BENCH figures): screening {screen.Rps:F0} rps p99 {screen.P99Ms} ms, baseline {baseline.Rps:F0} rps, ratio {screen.Rps / baseline.Rps:F2}, errors {screen.Errors + baseline.Errors}");
    }

    /// <summary>
    /// Keeps the screening warm-up going while the JIT is still busy (tier-1 recompiles of the request path run in
    /// the background and, on a loaded machine, took a quarter of the server's CPU in the first seconds of the
    /// measured run): up to 6 more 3-second rounds, until a round compiles fewer than 50 methods.
    /// </summary>
    private static async Task WarmUntilJitSettlesAsync(string root, string key, int connections, string script, CancellationToken cancellationToken)
    {
        for (var round = 0; round < 6; round++)
        {
            var before = System.Runtime.JitInfo.GetCompiledMethodCount();
            await Wrk.RunAsync(root, key, 3, connections, cancellationToken, script);
            var compiled = System.Runtime.JitInfo.GetCompiledMethodCount() - before;
            Console.WriteLine($"warm-up round {round + 1}: {compiled} methods compiled");
            if (compiled < 50)
            {
                return;
            }
        }
    }

    /// <summary>The server process's CPU time (all threads; wrk is another process) per answered request, in microseconds.</summary>
    private static string CpuMicros(TimeSpan cpu, WrkResult run, int seconds) =>
        (cpu.TotalMicroseconds / Math.Max(1, run.Rps * seconds)).ToString("F0", System.Globalization.CultureInfo.InvariantCulture);

    private static string PerRequest(long total, WrkResult run, int seconds) =>
        (total / Math.Max(1, run.Rps * seconds)).ToString("F0", System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>What kind of errors wrk saw (socket errors by kind, non-2xx answers), so a nonzero count can be told apart.</summary>
    private static void PrintErrors(string run, string output)
    {
        foreach (var line in output.Split('\n').Where(l => l.Contains("Socket errors", StringComparison.Ordinal) || l.Contains("Non-2xx", StringComparison.Ordinal)))
        {
            Console.WriteLine($"{run}: {line.Trim()}");
        }
    }

    /// <summary>
    /// Each wrk thread formats every request once, up front, and sends a random one per request: formatting each
    /// request in the <c>request</c> callback cost wrk about a fifth more CPU per request, taken from the server on
    /// this two-core machine (the baseline's plain wrk formats nothing per request either).
    /// </summary>
    private static string RandomPathScript(string pathsFile) => $$"""
        local requests = {}
        local threads = 0
        function setup(thread) threads = threads + 1; thread:set("id", threads) end
        function init(args)
          math.randomseed(os.time() + id * 7919)
          for line in io.lines("{{pathsFile}}") do requests[#requests + 1] = wrk.format("GET", line) end
        end
        request = function()
          return requests[math.random(#requests)]
        end
        """;
}
