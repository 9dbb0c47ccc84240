using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChainTrace.Cli.Hosting;
using ChainTrace.Core.Access;
using ChainTrace.Storage.Sqlite;
using ChainTrace.Storage.Sqlite.AppState;
using ChainTrace.TestSupport;
using Microsoft.AspNetCore.Builder;

namespace ChainTrace.Cli.Tests;

/// <summary>The trace endpoints of the real service over the simulator's <c>ransomware-to-exchange</c> economy, ingested, clustered and labelled.</summary>
[Trait("Category", "Integration")]
public sealed class TraceApiTests : IAsyncLifetime
{
    private readonly TempDir _temp = new("trace-api");
    private SqliteGraphStore? _store;
    private SqliteAppStateStore? _appState;
    private WebApplication? _app;
    private HttpClient _http = new();
    private string _ransom = "";
    private string _hotWallet = "";

    private string Data => _temp.File("data");

    public async Task InitializeAsync()
    {
        var sim = _temp.File("sim");
        await Simulator.Simulator.RunAsync(new Simulator.SimulationOptions { Scenario = "ransomware-to-exchange", Seed = 1, OutDir = sim, Signed = false }, CancellationToken.None);
        Assert.Equal(0, (await CliRunner.RunAsync("ingest", "btc", "--network", "regtest", "--blocks-dir", Path.Combine(sim, "btc", "blocks"), "--data", Data)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("ingest", "eth", "--etl", Path.Combine(sim, "eth", "etl"), "--data", Data)).ExitCode);
        Assert.Equal(0, (await CliRunner.RunAsync("labels", "import", Path.Combine(sim, "labels", "tagpack.yaml"), "--network", "regtest", "--data", Data)).ExitCode);
        _hotWallet = File.ReadLines(Path.Combine(sim, "truth", "addresses.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .First(e => e.GetProperty("chain").GetString() == "eth" && e.GetProperty("role").GetString() == "hot_wallet")
            .GetProperty("address").GetString()!;
        _ransom = File.ReadLines(Path.Combine(sim, "truth", "addresses.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .First(e => e.GetProperty("chain").GetString() == "btc" && e.GetProperty("role").GetString() == "ransom_payment")
            .GetProperty("address").GetString()!;
        await StartAsync();
    }

    public async Task DisposeAsync()
    {
        await StopAsync();
        _temp.Dispose();
    }

    [Fact]
    public async Task Post_Returns201WithLocation_ReachesLabelledExchanges_AndTheSameRequestGivesTheSameBytes()
    {
        var request = new { chain = "btc", start = _ransom, direction = "forward", hops = 10, taint = "haircut" };

        using var first = await _http.PostAsJsonAsync("/v1/traces", request);
        var firstBody = await first.Content.ReadAsByteArrayAsync();
        using var second = await _http.PostAsJsonAsync("/v1/traces", request);

        Assert.Equal(HttpStatusCode.Created, first.StatusCode);
        using var json = JsonDocument.Parse(firstBody);
        var root = json.RootElement;
        var id = root.GetProperty("id").GetString()!;
        Assert.Equal("id", root.EnumerateObject().First().Name);
        Assert.Equal($"/v1/traces/{id}", first.Headers.Location!.ToString());
        Assert.Equal(firstBody, await second.Content.ReadAsByteArrayAsync());
        Assert.Equal("complete", root.GetProperty("status").GetString());
        var endpoints = root.GetProperty("endpoints").EnumerateArray().ToList();
        Assert.NotEmpty(endpoints);
        Assert.All(endpoints, e => Assert.Equal("exchange", e.GetProperty("category").GetString()));
        Assert.All(endpoints, e => Assert.NotEmpty(e.GetProperty("labels").EnumerateArray()));
        var totals = root.GetProperty("totals");
        long T(string name) => long.Parse(totals.GetProperty(name).GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(endpoints.Sum(e => long.Parse(e.GetProperty("amount").GetString()!, System.Globalization.CultureInfo.InvariantCulture)), T("reachedEndpoints"));
        Assert.True(T("traced") > 0 && T("reachedEndpoints") <= T("traced"));
        var provenance = root.GetProperty("provenance");
        Assert.Equal(134, provenance.GetProperty("dataHeights").GetProperty("btc").GetInt64());
        Assert.Equal(10, provenance.GetProperty("parameters").GetProperty("hops").GetInt32());
        Assert.False(string.IsNullOrEmpty(provenance.GetProperty("labelSet").GetString()));
    }

    [Fact]
    public async Task Get_AnswersAfterARestart_InJsonCsvAndGraphMl_AndNetworkxReadsTheGraphMl()
    {
        using var created = await _http.PostAsJsonAsync("/v1/traces", new { chain = "btc", start = _ransom, direction = "forward", taint = "fifo" });
        var body = await created.Content.ReadAsByteArrayAsync();
        var location = created.Headers.Location!.ToString();
        var edges = JsonDocument.Parse(body).RootElement.GetProperty("edges").GetArrayLength();

        await StopAsync();
        await StartAsync();
        var again = await _http.GetByteArrayAsync(location);
        var csv = await _http.GetStringAsync(location + "?format=csv");
        var graphml = await _http.GetStringAsync(location + "?format=graphml");

        Assert.Equal(body, again);
        Assert.Equal(edges + 1, csv.TrimEnd('\n').Split('\n').Length);
        Assert.StartsWith("hop,txid,height,outpoint,address,amount,stop", csv, StringComparison.Ordinal);
        var file = _temp.File("trace.graphml");
        await File.WriteAllTextAsync(file, graphml);
        var (code, printed) = await PythonAsync($"import networkx as nx; g = nx.read_graphml('{file}'); print(g.number_of_edges(), all('amount' in d for _, _, d in g.edges(data=True)))");
        Assert.True(code == 0, printed);
        Assert.Equal($"{edges} True", printed.Trim());
    }

    [Theory]
    [InlineData("{\"chain\":\"btc\",\"start\":\"START\",\"hops\":11}", "hop-limit-out-of-range")]
    [InlineData("{\"chain\":\"btc\",\"start\":\"START\",\"taint\":\"lifo\"}", "unknown-taint-model")]
    [InlineData("{\"chain\":\"btc\",\"start\":\"START\",\"stop\":[\"casino-ish\"]}", "unknown-stop-category")]
    [InlineData("{\"chain\":\"btc\",\"start\":\"not-an-address\"}", "bad-start")]
    [InlineData("{\"chain\":\"doge\",\"start\":\"START\"}", "unknown-chain")]
    [InlineData("{\"chain\":\"btc\",\"start\":\"START\",\"direction\":\"sideways\"}", "unknown-direction")]
    [InlineData("{\"chain\":\"eth\",\"start\":\"0x0000000000000000000000000000000000000001\",\"asset\":\"usdt\"}", "bad-asset")]
    [InlineData("{\"chain\":\"eth\",\"start\":\"0xnot-an-address\"}", "bad-start")]
    public async Task BadInput_Is400_WithACode(string body, string expected)
    {
        using var content = new StringContent(body.Replace("START", _ransom, StringComparison.Ordinal), System.Text.Encoding.UTF8, "application/json");
        using var response = await _http.PostAsync("/v1/traces", content);

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(expected, JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Ethereum_ForwardTraceOfAnExchangesEther_Is201_WithWeiAmounts_AndItsCsvHasARowPerEdge()
    {
        var request = new { chain = "eth", start = _hotWallet, direction = "forward", taint = "fifo", stop = new[] { "mixing_service" } };

        using var response = await _http.PostAsJsonAsync("/v1/traces", request);

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("eth", root.GetProperty("chain").GetString());
        Assert.Equal(_hotWallet, root.GetProperty("start").GetString());
        var edges = root.GetProperty("edges").EnumerateArray().ToList();
        Assert.NotEmpty(edges);
        Assert.All(edges, e => Assert.Matches("^0x[0-9a-f]{64}:", e.GetProperty("outpoint").GetString()!));
        var totals = root.GetProperty("totals");
        System.Numerics.BigInteger Wei(string key) => System.Numerics.BigInteger.Parse(totals.GetProperty(key).GetString()!, System.Globalization.CultureInfo.InvariantCulture);
        Assert.True(Wei("traced") > 0);
        Assert.InRange(Wei("reachedEndpoints") + Wei("fees"), System.Numerics.BigInteger.One, Wei("traced"));
        var csv = await _http.GetStringAsync($"/v1/traces/{root.GetProperty("id").GetString()}?format=csv");
        Assert.Equal(edges.Count + 1, csv.Split('\n', StringSplitOptions.RemoveEmptyEntries).Length);
    }

    [Fact]
    public async Task UnknownAddress_IsANoActivityResult_AndAnUnknownIdIs404()
    {
        // A valid regtest address the economy never used.
        using var response = await _http.PostAsJsonAsync("/v1/traces", new { chain = "btc", start = "bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080" });
        using var missing = await _http.GetAsync("/v1/traces/0123456789abcdef0123456789abcdef");

        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
        var root = JsonDocument.Parse(await response.Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("no_activity", root.GetProperty("status").GetString());
        Assert.Empty(root.GetProperty("edges").EnumerateArray());
        Assert.Equal(HttpStatusCode.NotFound, missing.StatusCode);
        Assert.Equal("unknown-trace", JsonDocument.Parse(await missing.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Paths_LeadFromTheRansomAddressToAnExchangeItReached_WithPerHopAmounts()
    {
        using var trace = await _http.PostAsJsonAsync("/v1/traces", new { chain = "btc", start = _ransom, direction = "forward", hops = 10 });
        var reached = JsonDocument.Parse(await trace.Content.ReadAsStringAsync()).RootElement.GetProperty("edges").EnumerateArray()
            .First(e => e.GetProperty("stop").GetString() == "endpoint");
        var to = reached.GetProperty("address").GetString()!;
        var hops = reached.GetProperty("hop").GetInt32();

        var answer = JsonDocument.Parse(await _http.GetStringAsync($"/v1/paths?chain=btc&from={_ransom}&to={to}&hops={hops}")).RootElement;
        using var tooFar = await _http.GetAsync($"/v1/paths?chain=btc&from={_ransom}&to={to}&hops=11");
        var shorter = JsonDocument.Parse(await _http.GetStringAsync($"/v1/paths?chain=btc&from={_ransom}&to={to}&hops={hops - 1}")).RootElement;

        Assert.Equal("found", answer.GetProperty("status").GetString());
        var path = answer.GetProperty("paths")[0].EnumerateArray().ToList();
        Assert.Equal(hops, path.Count);
        Assert.Equal(to, path[^1].GetProperty("address").GetString());
        Assert.Equal(Enumerable.Range(1, hops), path.Select(h => h.GetProperty("hop").GetInt32()));
        Assert.All(path, h => Assert.True(long.Parse(h.GetProperty("amount").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 0));
        Assert.Equal(HttpStatusCode.BadRequest, tooFar.StatusCode);
        Assert.True(hops == 1 || shorter.GetProperty("paths").EnumerateArray().All(p => p.GetArrayLength() < hops));
    }

    [Fact]
    public async Task Ethereum_Paths_LeadFromTheHotWalletToAnAccountTwoHopsOn_WithEachHopAStoredTransfer()
    {
        using var trace = await _http.PostAsJsonAsync("/v1/traces", new { chain = "eth", start = _hotWallet, direction = "forward", hops = 2, taint = "poison", stop = new[] { "mixing_service" } });
        var edges = JsonDocument.Parse(await trace.Content.ReadAsStringAsync()).RootElement.GetProperty("edges").EnumerateArray().ToList();
        var firstHop = edges.Where(e => e.GetProperty("hop").GetInt32() == 1).Select(e => e.GetProperty("address").GetString()).ToHashSet();
        var to = edges.First(e => e.GetProperty("hop").GetInt32() == 2 && !firstHop.Contains(e.GetProperty("address").GetString())).GetProperty("address").GetString()!;

        var answer = JsonDocument.Parse(await _http.GetStringAsync($"/v1/paths?chain=eth&from={_hotWallet}&to={to}&hops=2")).RootElement;
        var cli = await CliRunner.RunAsync("paths", "eth", _hotWallet, to, "--hops", "2", "--data", Data);
        var oneHop = JsonDocument.Parse(await _http.GetStringAsync($"/v1/paths?chain=eth&from={_hotWallet}&to={to}&hops=1")).RootElement;
        var unknown = JsonDocument.Parse(await _http.GetStringAsync($"/v1/paths?chain=eth&from={_hotWallet}&to=0x00000000000000000000000000000000000000a1&hops=3")).RootElement;
        using var bad = await _http.GetAsync($"/v1/paths?chain=eth&from=0xnot-an-address&to={to}");

        Assert.Equal("found", answer.GetProperty("status").GetString());
        Assert.Equal(0, cli.ExitCode);
        Assert.Equal(answer.GetRawText(), JsonDocument.Parse(cli.Output).RootElement.GetRawText());
        var paths = answer.GetProperty("paths").EnumerateArray().ToList();
        Assert.NotEmpty(paths);
        foreach (var path in paths.Select(p => p.EnumerateArray().ToList()))
        {
            Assert.Equal([1, 2], path.Select(h => h.GetProperty("hop").GetInt32()));
            Assert.Equal(to, path[^1].GetProperty("address").GetString());
            var sender = _hotWallet;
            foreach (var hop in path)
            {
                // The hop is a stored transfer of its transaction: sender, receiver and wei as stored.
                var tx = await CliRunner.RunAsync("tx", "eth", hop.GetProperty("txid").GetString()!, "--data", Data);
                Assert.Equal(0, tx.ExitCode);
                var transfers = JsonDocument.Parse(tx.Output).RootElement.GetProperty("transfers").EnumerateArray();
                Assert.Contains(transfers, t => t.GetProperty("from").GetString() == sender && t.GetProperty("to").GetString() == hop.GetProperty("address").GetString()
                    && t.GetProperty("value").GetString() == hop.GetProperty("amount").GetString() && t.GetProperty("asset").GetString() == "eth");
                sender = hop.GetProperty("address").GetString()!;
            }
        }

        Assert.Equal("no_connection", oneHop.GetProperty("status").GetString());
        Assert.Empty(oneHop.GetProperty("paths").EnumerateArray());
        Assert.Equal("no_connection", unknown.GetProperty("status").GetString());
        Assert.Empty(unknown.GetProperty("paths").EnumerateArray());
        Assert.Equal(HttpStatusCode.BadRequest, bad.StatusCode);
        Assert.Equal("bad-start", JsonDocument.Parse(await bad.Content.ReadAsStringAsync()).RootElement.GetProperty("code").GetString());
    }

    private static async Task<(int Code, string Output)> PythonAsync(string script)
    {
        using var process = Process.Start(new ProcessStartInfo("python3", ["-c", script]) { RedirectStandardOutput = true, RedirectStandardError = true })!;
        var output = await process.StandardOutput.ReadToEndAsync();
        var error = await process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, output + error);
    }

    private async Task StartAsync()
    {
        _store = await SqliteGraphStore.OpenAsync(Path.Combine(Data, "graph.db"), CancellationToken.None);
        _appState = await SqliteAppStateStore.OpenAsync(Path.Combine(Data, "appstate.db"), CancellationToken.None);
        var key = await ApiKeyIssuer.IssueAsync(_appState, $"investigator-{Guid.NewGuid():N}", ApiRole.Investigator, null, DateTimeOffset.UtcNow, CancellationToken.None);
        _app = ServiceHost.Build(_store, _appState, "http://127.0.0.1:0");
        await _app.StartAsync();
        _http = new HttpClient { BaseAddress = new Uri(_app.Urls.First()) };
        _http.DefaultRequestHeaders.Add("X-Api-Key", key!.Text);
    }

    private async Task StopAsync()
    {
        _http.Dispose();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
            _app = null;
        }

        if (_appState is not null)
        {
            await _appState.DisposeAsync();
            _appState = null;
        }

        if (_store is not null)
        {
            await _store.DisposeAsync();
            _store = null;
        }
    }
}
