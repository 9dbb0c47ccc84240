using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChainTrace.TestSupport;

namespace ChainTrace.Cli.Tests.Jobs;

/// <summary><c>/health</c> and <c>/metrics</c> of a real <c>serve</c> whose Ethereum source is a port nobody listens on.</summary>
[Trait("Category", "Integration")]
public sealed class OperabilityTests : IDisposable
{
    private readonly TempDir _temp = new("operability");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Health_IsDegraded_NamingTheSource_WhenItIsUnreachable_AndMetricsParse()
    {
        int port;
        using (var probe = new TcpListener(System.Net.IPAddress.Loopback, 0))
        {
            probe.Start();
            port = ((System.Net.IPEndPoint)probe.LocalEndpoint).Port;
        }

        var environment = new Dictionary<string, string>
        {
            ["CHAINTRACE__Sources__Eth__Rpc"] = $"http://127.0.0.1:{port}/",
            ["CHAINTRACE__Jobs__SyncEth__Cron"] = "*/2 * * * * *",
        };
        await using var serve = await ServeProcess.StartAsync(_temp.File("data"), environment: environment);
        using var http = serve.Client();

        JsonElement health = default;
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (DateTime.UtcNow < deadline)
        {
            health = await http.GetFromJsonAsync<JsonElement>("/health");
            if (health.GetProperty("status").GetString() == "degraded")
            {
                break;
            }

            await Task.Delay(500);
        }

        Assert.Equal("degraded", health.GetProperty("status").GetString());
        Assert.Contains(health.GetProperty("problems").EnumerateArray(), p => p.GetString()!.StartsWith("source eth unreachable", StringComparison.Ordinal));
        var eth = health.GetProperty("sections").GetProperty("sources").GetProperty("eth");
        Assert.False(eth.GetProperty("reachable").GetBoolean());
        var jobs = health.GetProperty("sections").GetProperty("jobs");
        Assert.Equal(JsonValueKind.Null, jobs.GetProperty("sync-eth").GetProperty("lastSuccess").ValueKind);
        Assert.True(jobs.TryGetProperty("rescan-watchlists", out _), jobs.ToString());

        using (var anonymous = await http.GetAsync("/metrics"))
        {
            Assert.Equal(System.Net.HttpStatusCode.Unauthorized, anonymous.StatusCode);
        }

        // As Prometheus sends it: the admin key as a bearer token.
        using var scraper = serve.Client();
        scraper.DefaultRequestHeaders.Authorization = new("Bearer", (await File.ReadAllTextAsync(Path.Combine(_temp.File("data"), "keys", "admin.key"))).Trim());
        var metrics = await scraper.GetStringAsync("/metrics");
        var (code, output) = await Promtool.CheckMetricsAsync(metrics);
        Assert.True(code == 0, $"promtool check metrics: {code}\n{output}\n{metrics}");
        Assert.Matches(new Regex("""(?m)^chaintrace_job_failures_total\{[^}]*job="sync-eth"[^}]*\} [1-9]"""), metrics);
        Assert.Matches(new Regex("""(?m)^chaintrace_job_duration_seconds_bucket\{[^}]*job="sync-eth"[^}]*le="\+Inf"\} [1-9]"""), metrics);
    }
}
