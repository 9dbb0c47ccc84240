using System.Diagnostics;
using ChainTrace.Cli;
using ChainTrace.Cli.Hosting;
using ChainTrace.Core.Access;
using ChainTrace.Storage.Sqlite;
using ChainTrace.Storage.Sqlite.AppState;
using ChainTrace.TestSupport;
using Microsoft.AspNetCore.Builder;

namespace ChainTrace.Benchmarks.Api;

/// <summary>
/// The cost of authentication + audit on a lookup endpoint (<c>GET /v1/addresses/btc/…</c>, mainnet blocks 0–599):
/// <c>wrk</c> with 2 threads, 32 connections, 10 s against the service with keys, rate limits and the audit log
/// (group commit, fsync per batch), and in the same run against the same endpoint with all of that off.
/// ratio = rps ÷ baseline_rps. Rate limits are raised so they do not cap the measurement. Needs <c>wrk</c>
/// (<c>apt-get install -y wrk</c>). Options: <c>--seconds N</c> (default 10), <c>--connections N</c> (default 32).
/// </summary>
public sealed class AuthBenchmark : IBenchmark
{
    private const string Path = "/v1/addresses/btc/1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3";

    public string Name => "auth";

    public async Task<int> RunAsync(string[] args, CancellationToken cancellationToken)
    {
        var seconds = Option(args, "--seconds", 10);
        var connections = Option(args, "--connections", 32);
        using var temp = new TempDir("bench-auth");
        var data = temp.File("data");
        var blocks = temp.File("blocks");
        Directory.CreateDirectory(blocks);
        File.Copy(SharedData.Path("bitcoin", "raw", "blk00000_mainnet_h0-299.dat"), System.IO.Path.Combine(blocks, "blk00000.dat"));
        File.Copy(SharedData.Path("bitcoin", "raw", "blk00001_mainnet_h300-599.dat"), System.IO.Path.Combine(blocks, "blk00001.dat"));
        if (await CliApp.RunAsync(["ingest", "btc", "--blocks-dir", blocks, "--data", data], TextWriter.Null) != 0)
        {
            Console.Error.WriteLine("ingesting the mainnet blocks failed");
            return 1;
        }

        Environment.SetEnvironmentVariable("CHAINTRACE__RateLimits__StandardBurst", "100000000");
        Environment.SetEnvironmentVariable("CHAINTRACE__RateLimits__StandardPerSecond", "100000000");
        Environment.SetEnvironmentVariable("Logging__LogLevel__Default", "Warning");
        await using var graph = await SqliteGraphStore.OpenAsync(System.IO.Path.Combine(data, "graph.db"), cancellationToken);
        await using var appState = await SqliteAppStateStore.OpenAsync(System.IO.Path.Combine(data, "appstate.db"), cancellationToken);
        var key = (await ApiKeyIssuer.IssueAsync(appState, "bench", ApiRole.Investigator, null, DateTimeOffset.UtcNow, cancellationToken))!.Text;

        var baseline = await MeasureAsync(ServiceHost.Build(graph, appState, "http://127.0.0.1:0", accessControl: false), null, seconds, connections, cancellationToken);
        var secured = await MeasureAsync(ServiceHost.Build(graph, appState, "http://127.0.0.1:0"), key, seconds, connections, cancellationToken);
        var audited = 0L;
        await foreach (var _ in appState.ReadAllAsync(cancellationToken))
        {
            audited++;
        }

        Console.WriteLine($"baseline: {baseline}; with keys + audit: {secured}; audit entries written: {audited}");
        BenchLine.Print(Name,
            ("rps", Math.Round(secured.Rps)),
            ("p99_ms", secured.P99Ms),
            ("baseline_rps", Math.Round(baseline.Rps)),
            ("ratio", secured.Rps / baseline.Rps),
            ("errors", secured.Errors + baseline.Errors));
        return 0;
    }

    private static async Task<WrkResult> MeasureAsync(WebApplication app, string? key, int seconds, int connections, CancellationToken cancellationToken)
    {
        await using (app)
        {
            await app.StartAsync(cancellationToken);
            var url = app.Urls.First() + Path;
            await Wrk.RunAsync(url, key, 2, connections, cancellationToken);
            var result = WrkResult.Parse(await Wrk.RunAsync(url, key, seconds, connections, cancellationToken));
            await app.StopAsync(cancellationToken);
            return result;
        }
    }

    private static int Option(string[] args, string name, int fallback)
    {
        var at = Array.IndexOf(args, name);
        return at >= 0 && at + 1 < args.Length ? int.Parse(args[at + 1], System.Globalization.CultureInfo.InvariantCulture) : fallback;
    }
}
