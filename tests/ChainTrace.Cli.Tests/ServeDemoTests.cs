using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChainTrace.TestSupport;

namespace ChainTrace.Cli.Tests;

/// <summary>
/// The README's run command on an empty data directory: the demo is generated, ingested and queryable, and the
/// printed example calls work as printed, with the key read from the printed key file.
/// </summary>
[Trait("Category", "Integration")]
public sealed partial class ServeDemoTests : IDisposable
{
    private readonly TempDir _temp = new("serve");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Serve_OnEmptyDataDir_LoadsDemo_AndItsPrintedExampleCallsSucceed()
    {
        var data = _temp.File("data");
        await using var server = await ServeProcess.StartAsync(data, demo: true);
        using var anonymous = server.Client();
        using var health = JsonDocument.Parse(await anonymous.GetStringAsync("/health"));
        Assert.True(health.RootElement.GetProperty("chains").GetProperty("btc").GetProperty("height").GetInt64() > 100);
        var log = server.Output;

        var admin = AdminKeyLine().Match(log);
        Assert.True(admin.Success, "the serve log says where the admin key is:\n" + log);
        Assert.Equal(Path.Combine(data, "keys", "admin.key"), admin.Groups[1].Value);
        if (!OperatingSystem.IsWindows())
        {
            Assert.Equal(UnixFileMode.UserRead | UnixFileMode.UserWrite, File.GetUnixFileMode(admin.Groups[1].Value));
        }

        var demoKeys = DemoKeysLine().Match(log);
        Assert.True(demoKeys.Success, "the serve log says where the demo keys are:\n" + log);
        Assert.Equal(Path.Combine(data, "keys", "demo-exchange.key"), demoKeys.Groups[2].Value);
        foreach (var keyFile in Directory.GetFiles(Path.Combine(data, "keys")))
        {
            Assert.DoesNotContain((await File.ReadAllTextAsync(keyFile)).Trim(), log, StringComparison.Ordinal);
        }

        foreach (var (pattern, chain) in new[] { (BtcExample(), "btc"), (EthExample(), "eth") })
        {
            var example = pattern.Match(log);
            Assert.True(example.Success, $"the serve log shows a complete curl call for a {chain} address:\n" + log);
            using var response = await CallAsPrintedAsync(example.Groups[1].Value, example.Groups[2].Value);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var address = await response.Content.ReadFromJsonAsync<JsonElement>();
            Assert.True(address.GetProperty("txCount").GetInt64() > 0);
            Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.GetAsync(example.Groups[2].Value)).StatusCode);
            if (chain == "btc")
            {
                using var labels = await CallAsPrintedAsync(example.Groups[1].Value, example.Groups[2].Value + "/labels");
                var found = await labels.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Contains(found.GetProperty("labels").EnumerateArray(), l => l.GetProperty("category").GetString() == "ransomware");

                // The demo has a behaviour model: its risk answer shows the model's probability and top features.
                using var risk = await CallAsPrintedAsync(demoKeys.Groups[2].Value, example.Groups[2].Value + "/risk");
                var answer = await risk.Content.ReadFromJsonAsync<JsonElement>();
                Assert.Contains(answer.GetProperty("level").GetString(), new[] { "high", "severe" });
                var model = answer.GetProperty("model");
                Assert.Equal(JsonValueKind.Object, model.ValueKind);
                Assert.StartsWith("risk-v", model.GetProperty("version").GetString(), StringComparison.Ordinal);
                Assert.NotEmpty(model.GetProperty("topFeatures").EnumerateArray());
                Assert.Matches(@"model: risk-v\d+ trained on the demo's own ground truth \(held out by entity: EVAL model auc=", log);
            }
        }

        // The printed screening call, with the exchange key, blocks the ransomware address for its label.
        var screenCall = ScreenExample().Match(log);
        Assert.True(screenCall.Success, "the serve log shows a screening call with the exchange key:\n" + log);
        Assert.Equal(demoKeys.Groups[2].Value, screenCall.Groups[1].Value);
        using var screened = await CallAsPrintedAsync(screenCall.Groups[1].Value, screenCall.Groups[2].Value);
        Assert.Equal(HttpStatusCode.OK, screened.StatusCode);
        var screening = await screened.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("block", screening.GetProperty("decision").GetString());
        Assert.Contains(screening.GetProperty("labels").EnumerateArray(), l => l.GetProperty("category").GetString() == "ransomware");

        // The demo is clustered: the exchange example's cluster holds its addresses linked by co-spend.
        var clusterCall = ClusterExample().Match(log);
        Assert.True(clusterCall.Success, "the serve log shows a cluster call:\n" + log);
        using var clusterResponse = await CallAsPrintedAsync(clusterCall.Groups[1].Value, clusterCall.Groups[2].Value);
        Assert.Equal(HttpStatusCode.OK, clusterResponse.StatusCode);
        var cluster = await clusterResponse.Content.ReadFromJsonAsync<JsonElement>();
        Assert.True(cluster.GetProperty("size").GetInt32() > 1, cluster.ToString());
        Assert.True(cluster.GetProperty("evidence").GetProperty("co-spend").GetInt64() > 0);

        var keysCall = KeysExample().Match(log);
        Assert.True(keysCall.Success, "the serve log shows the admin call:\n" + log);
        using var keys = await CallAsPrintedAsync(keysCall.Groups[1].Value, keysCall.Groups[2].Value);
        var names = (await keys.Content.ReadFromJsonAsync<JsonElement>()).EnumerateArray().Select(k => k.GetProperty("name").GetString());
        Assert.Equal(["admin", "demo-exchange", "demo-investigator"], names.Order());

        using var exchange = server.Client((await File.ReadAllTextAsync(demoKeys.Groups[2].Value)).Trim());
        Assert.Equal(HttpStatusCode.Forbidden, (await exchange.GetAsync(BtcExample().Match(log).Groups[2].Value)).StatusCode);
    }

    /// <summary>Runs <c>curl -H "X-Api-Key: $(cat FILE)" URL</c> the way a shell would: the key is the file's content.</summary>
    private static async Task<HttpResponseMessage> CallAsPrintedAsync(string keyFile, string url)
    {
        using var http = new HttpClient();
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.Add("X-Api-Key", (await File.ReadAllTextAsync(keyFile)).Trim());
        return await http.SendAsync(request);
    }

    [GeneratedRegex(@"keys: admin in (\S+)")]
    private static partial Regex AdminKeyLine();

    [GeneratedRegex(@"keys: demo investigator in (\S+), demo exchange in (\S+)")]
    private static partial Regex DemoKeysLine();

    [GeneratedRegex(@"try \(ransomware\): curl -H ""X-Api-Key: \$\(cat (\S+)\)"" (http://\S+/v1/addresses/btc/\S+)")]
    private static partial Regex BtcExample();

    [GeneratedRegex(@"try \(exchange\): curl -H ""X-Api-Key: \$\(cat (\S+)\)"" (http://\S+/v1/addresses/eth/\S+)")]
    private static partial Regex EthExample();

    [GeneratedRegex(@"try \(exchange cluster\): curl -H ""X-Api-Key: \$\(cat (\S+)\)"" (http://\S+/v1/clusters/btc/\d+)")]
    private static partial Regex ClusterExample();

    [GeneratedRegex(@"screen \(ransomware, exchange key\): curl -H ""X-Api-Key: \$\(cat (\S+)\)"" (http://\S+/v1/addresses/btc/\S+/risk)")]
    private static partial Regex ScreenExample();

    [GeneratedRegex(@"keys: curl -H ""X-Api-Key: \$\(cat (\S+)\)"" (http://\S+/v1/keys)")]
    private static partial Regex KeysExample();
}
