using System.Globalization;
using System.Text.Json;
using ChainTrace.Cli.Hosting;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Storage.Sqlite.AppState;
using ChainTrace.TestSupport;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ChainTrace.Benchmarks.Api;

/// <summary>
/// The investigator's daily path under load: <c>wrk</c> (2 threads, 32 connections) on the summary of the busiest
/// Bitcoin address of the demo economy, against <c>/health</c> of the same server in the same run. The server is
/// the one <c>chaintrace serve</c> composes, on the demo store it loads, with access control off (keys, rate limits
/// and the audit log have their own benchmark, <c>auth</c>): this one measures the lookups. Options: <c>--seconds N</c>
/// per run (10).
/// </summary>
public sealed class LookupBenchmark : IBenchmark
{
    public string Name => "lookup";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var seconds = args.Length >= 2 && args[0] == "--seconds" ? int.Parse(args[1], CultureInfo.InvariantCulture) : 10;
        using var dir = new TempDir("bench-lookup");
        var data = new DataDirectory(new DirectoryInfo(dir.Path));
        await using var store = await data.OpenGraphAsync(cancellationToken);
        await DemoLoader.LoadIfEmptyAsync(data, store, TextWriter.Null, cancellationToken);

        var (busiest, txCount) = await BusiestBtcAddressAsync(store, Path.Combine(dir.Path, "demo", "truth", "addresses.jsonl"), cancellationToken);
        Console.WriteLine($"busiest btc address of the demo: {busiest} ({txCount} transactions)");

        await using var appState = await SqliteAppStateStore.OpenAsync(Path.Combine(dir.Path, "appstate.db"), cancellationToken);
        await using var app = ServiceHost.Build(store, appState, "http://127.0.0.1:0", accessControl: false);
        await app.StartAsync(cancellationToken);
        var root = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First().TrimEnd('/');
        var summaryUrl = $"{root}/v1/addresses/btc/{busiest}";
        var neighboursUrl = $"{summaryUrl}/neighbours?direction=in";
        var healthUrl = $"{root}/health";

        await WrkAsync(healthUrl, 2, cancellationToken);
        await WrkAsync(summaryUrl, 2, cancellationToken);
        var baseline = await WrkAsync(healthUrl, seconds, cancellationToken);
        var summary = await WrkAsync(summaryUrl, seconds, cancellationToken);
        var neighbours = await WrkAsync(neighboursUrl, seconds, cancellationToken);
        await app.StopAsync(cancellationToken);

        Console.WriteLine($"health:     {baseline.Rps:F0} req/s, p99 {baseline.P99Ms:F2} ms");
        Console.WriteLine($"neighbours: {neighbours.Rps:F0} req/s, p99 {neighbours.P99Ms:F2} ms (direction=in, first page)");
        Console.WriteLine($"summary:    {summary.Rps:F0} req/s, p99 {summary.P99Ms:F2} ms");
        BenchLine.Print(Name,
            ("rps", summary.Rps),
            ("p99_ms", summary.P99Ms),
            ("baseline_rps", baseline.Rps),
            ("ratio", summary.Rps / baseline.Rps));
        return 0;
    }

    private static async Task<(string Address, long TxCount)> BusiestBtcAddressAsync(Storage.Sqlite.SqliteGraphStore store, string truth, CancellationToken cancellationToken)
    {
        (string Address, long TxCount) best = ("", -1);
        await foreach (var line in File.ReadLinesAsync(truth, cancellationToken))
        {
            using var doc = JsonDocument.Parse(line);
            if (doc.RootElement.GetProperty("chain").GetString() != "btc")
            {
                continue;
            }

            var text = doc.RootElement.GetProperty("address").GetString()!;
            if (await store.GetAddressSummaryAsync(BtcAddress.Parse(text, Network.Regtest), cancellationToken) is { } s && s.TxCount > best.TxCount)
            {
                best = (text, s.TxCount);
            }
        }

        return best;
    }

    /// <summary>Runs wrk (2 threads, 32 connections) and reads its requests per second and 99th-percentile latency.</summary>
    private static async Task<(double Rps, double P99Ms)> WrkAsync(string url, int seconds, CancellationToken cancellationToken)
    {
        var result = WrkResult.Parse(await Wrk.RunAsync(url, null, seconds, 32, cancellationToken));
        if (result.Errors > 0)
        {
            throw new InvalidOperationException($"wrk on {url}: {result.Errors} errors or non-2xx answers");
        }

        return (result.Rps, result.P99Ms);
    }
}
