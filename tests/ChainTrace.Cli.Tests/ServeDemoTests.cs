using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChainTrace.TestSupport;

namespace ChainTrace.Cli.Tests;

/// <summary>The README's run command on an empty data directory: the demo is generated, ingested and queryable.</summary>
[Trait("Category", "Integration")]
public sealed partial class ServeDemoTests : IDisposable
{
    private readonly TempDir _temp = new("serve");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Serve_OnEmptyDataDir_LoadsDemo_AndAnswersForItsAddresses()
    {
        var port = FreePort();
        var output = new StringBuilder();
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "chaintrace.dll"), "serve", "--data", _temp.File("data"), "--urls", $"http://127.0.0.1:{port}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        using var server = Process.Start(info)!;
        server.OutputDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        server.ErrorDataReceived += (_, e) => { lock (output) { output.AppendLine(e.Data); } };
        server.BeginOutputReadLine();
        server.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri($"http://127.0.0.1:{port}") };
            using var health = await WaitForHealthAsync(http, server, output);
            Assert.True(health.RootElement.GetProperty("chains").GetProperty("btc").GetProperty("height").GetInt64() > 100);

            string log;
            lock (output)
            {
                log = output.ToString();
            }

            var example = ExampleLine().Match(log);
            Assert.True(example.Success, "the serve log names example addresses to try:\n" + log);
            var response = await http.GetAsync(example.Groups[1].Value);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            using var address = JsonDocument.Parse(await response.Content.ReadAsStringAsync());
            Assert.True(address.RootElement.GetProperty("txCount").GetInt64() > 0);
            using var labels = JsonDocument.Parse(await http.GetStringAsync(example.Groups[1].Value + "/labels"));
            Assert.Contains(labels.RootElement.GetProperty("labels").EnumerateArray(), l => l.GetProperty("category").GetString() == "ransomware");

            var ethExample = EthExampleLine().Match(log);
            Assert.True(ethExample.Success, "the serve log names an eth example too:\n" + log);
            Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(ethExample.Groups[1].Value)).StatusCode);

            // The demo is clustered: the exchange hot wallet's cluster holds its addresses linked by co-spend.
            var clusterExample = ClusterExampleLine().Match(log);
            Assert.True(clusterExample.Success, "the serve log names a cluster to try:\n" + log);
            using var cluster = JsonDocument.Parse(await http.GetStringAsync(clusterExample.Groups[1].Value));
            Assert.True(cluster.RootElement.GetProperty("size").GetInt32() > 1, cluster.RootElement.ToString());
            Assert.True(cluster.RootElement.GetProperty("evidence").GetProperty("co-spend").GetInt64() > 0);
        }
        finally
        {
            server.Kill(entireProcessTree: true);
            await server.WaitForExitAsync();
        }
    }

    private static async Task<JsonDocument> WaitForHealthAsync(HttpClient http, Process server, StringBuilder output)
    {
        var deadline = DateTime.UtcNow.AddMinutes(4);
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(server.HasExited, "serve exited early:\n" + output);
            try
            {
                return JsonDocument.Parse(await http.GetStringAsync("/health"));
            }
            catch (HttpRequestException)
            {
                await Task.Delay(500);
            }
        }

        throw new TimeoutException("serve did not answer /health within 4 minutes:\n" + output);
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    [GeneratedRegex(@"try \(ransomware\): (/v1/addresses/btc/\S+)")]
    private static partial Regex ExampleLine();

    [GeneratedRegex(@"try \(exchange\): (/v1/addresses/eth/\S+)")]
    private static partial Regex EthExampleLine();

    [GeneratedRegex(@"try \(exchange cluster\): (/v1/clusters/btc/\d+)")]
    private static partial Regex ClusterExampleLine();
}
