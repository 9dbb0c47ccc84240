using System.Diagnostics;
using System.Globalization;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChainTrace.Cli.Hosting;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.TestSupport;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;

namespace ChainTrace.Benchmarks.Api;

/// <summary>
/// The investigator's daily path under load: <c>wrk</c> (2 threads, 32 connections) on the summary of the busiest
/// Bitcoin address of the demo economy, against <c>/health</c> of the same server in the same run. The server is
/// the one <c>chaintrace serve</c> composes, on the demo store it loads. Options: <c>--seconds N</c> per run (10).
/// </summary>
public sealed partial class LookupBenchmark : IBenchmark
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

        await using var app = ServiceHost.Build(store, "http://127.0.0.1:0");
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

    /// <summary>Runs wrk and reads its requests per second and 99th-percentile latency.</summary>
    private static async Task<(double Rps, double P99Ms)> WrkAsync(string url, int seconds, CancellationToken cancellationToken)
    {
        var start = new ProcessStartInfo("wrk", ["-t2", "-c32", $"-d{seconds}s", "--latency", url]) { RedirectStandardOutput = true };
        using var wrk = Process.Start(start) ?? throw new InvalidOperationException("wrk did not start (apt-get install -y wrk)");
        var output = await wrk.StandardOutput.ReadToEndAsync(cancellationToken);
        await wrk.WaitForExitAsync(cancellationToken);
        var rps = RpsLine().Match(output);
        var p99 = P99Line().Match(output);
        if (wrk.ExitCode != 0 || !rps.Success || !p99.Success)
        {
            throw new InvalidOperationException($"wrk on {url} failed (exit {wrk.ExitCode}):\n{output}");
        }

        if (NonSuccess().Match(output) is { Success: true } bad)
        {
            throw new InvalidOperationException($"wrk on {url}: {bad.Value.Trim()} (the endpoint did not answer 2xx)");
        }

        return (double.Parse(rps.Groups[1].Value, CultureInfo.InvariantCulture), Milliseconds(p99.Groups[1].Value, p99.Groups[2].Value));
    }

    private static double Milliseconds(string number, string unit)
    {
        var value = double.Parse(number, CultureInfo.InvariantCulture);
        return unit switch
        {
            "us" => value / 1000,
            "ms" => value,
            "s" => value * 1000,
            _ => throw new FormatException($"wrk latency unit '{unit}'"),
        };
    }

    [GeneratedRegex(@"Requests/sec:\s+([0-9.]+)")]
    private static partial Regex RpsLine();

    [GeneratedRegex(@"^\s+99%\s+([0-9.]+)(us|ms|s)\s*$", RegexOptions.Multiline)]
    private static partial Regex P99Line();

    [GeneratedRegex(@"Non-2xx or 3xx responses:\s+\d+")]
    private static partial Regex NonSuccess();
}
