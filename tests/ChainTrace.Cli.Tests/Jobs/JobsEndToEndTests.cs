using System.Globalization;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using System.Text.RegularExpressions;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Watchlists;
using ChainTrace.Storage.Sqlite;
using ChainTrace.TestSupport;
using ChainTrace.TestSupport.Ethereum;
using ChainTrace.TestSupport.Postgres;

namespace ChainTrace.Cli.Tests.Jobs;

/// <summary>
/// Real processes end to end: <c>serve</c> follows a Bitcoin blocks directory that the test grows with the simulator's
/// blocks and a real Anvil node that mines new blocks while it runs (no manual ingest), a watched ransomware address moves funds, the rescan job raises one alert and a webhook
/// receiver on 127.0.0.1 that answers 500 three times gets exactly one successful, signed delivery; every process is
/// SIGKILLed while the delivery is being retried and restarted, and nothing is lost or sent twice. Once on the
/// embedded stores (one <c>--role all</c> process), once with Hangfire and app state on a real PostgreSQL 15 with one
/// <c>--role api</c> and two <c>--role worker</c> processes, where each job run is also performed by one process only.
/// </summary>
[Trait("Category", "Integration")]
public sealed class JobsEndToEndTests : IDisposable
{
    private const string Secret = "end-to-end-webhook-secret";
    private static readonly System.Numerics.BigInteger OneEth = System.Numerics.BigInteger.Pow(10, 18);
    private static readonly Regex Performed = new(@"Job run (\S+) \((\w+)\) performed by process (\d+): (\w+)", RegexOptions.CultureInvariant);
    private readonly TempDir _temp = new("jobs-e2e");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public Task GrowingBlocksDir_WatchedAddressSpends_OneAlert_OneSignedDelivery_AcrossSigkill() =>
        RunAsync(new Dictionary<string, string>(), ["all"], _ => { });

    [Fact]
    public async Task OnPostgres_ApiAndTwoWorkers_OneAlert_OneDelivery_EachJobRunOnce_AcrossSigkill()
    {
        await using var postgres = await PostgresServer.StartAsync();
        var database = await postgres.CreateDatabaseAsync("jobs");
        await RunAsync(new Dictionary<string, string> { ["CHAINTRACE__ConnectionStrings__Postgres"] = database }, ["api", "worker", "worker"], outputs =>
        {
            var runs = outputs.SelectMany(o => Performed.Matches(o.Output).Select(m => (Id: m.Groups[1].Value, Type: m.Groups[2].Value, Pid: int.Parse(m.Groups[3].Value, CultureInfo.InvariantCulture), Outcome: m.Groups[4].Value, o.Role))).ToList();
            Assert.Contains(runs, r => r.Type == "SyncBtcJob" && r.Outcome == "succeeded");
            Assert.Contains(runs, r => r.Type == "RescanWatchlistsJob" && r.Outcome == "succeeded");
            Assert.All(runs, r => Assert.Equal("worker", r.Role));
            Assert.True(runs.Select(r => r.Pid).Distinct().Count() >= 2, "both workers ran jobs:\n" + string.Join("\n", runs));
            var twice = runs.Where(r => r.Outcome == "succeeded").GroupBy(r => r.Id).Where(g => g.Count() > 1).Select(g => g.Key).ToList();
            Assert.True(twice.Count == 0, $"job runs performed successfully more than once: {string.Join(", ", twice)}");
        });
    }

    private async Task RunAsync(Dictionary<string, string> extra, string[] roles, Action<IReadOnlyList<(string Role, string Output)>> checkRuns)
    {
        var sim = _temp.File("sim");
        var simulate = await CliRunner.RunAsync("simulate", "--scenario", "ransomware-to-exchange", "--out", sim);
        Assert.Equal(0, simulate.ExitCode);
        var simBlocks = Path.Combine(sim, "btc", "blocks");
        var records = BlkRecords.Read(Path.Combine(simBlocks, "blk00000.dat"));

        // The watched address, its spend and the split height come from a reference store ingested separately.
        var reference = _temp.File("reference");
        Assert.Equal(0, (await CliRunner.RunAsync("ingest", "btc", "--blocks-dir", simBlocks, "--network", "regtest", "--data", reference)).ExitCode);
        var (watched, spend) = await PickWatchedAsync(sim, reference);
        var split = (int)spend.Height - 1;

        var grow = Directory.CreateDirectory(_temp.File("grow")).FullName;
        BlkRecords.Append(Path.Combine(grow, "blk00000.dat"), records.Take(split + 1));
        var data = _temp.File("data");
        await using var anvil = await AnvilNode.StartAsync(CancellationToken.None);
        var accounts = await anvil.AccountsAsync(CancellationToken.None);
        await anvil.SendAsync(accounts[0], accounts[1], 3 * OneEth, "0x", CancellationToken.None, gas: 21_000);
        var environment = new Dictionary<string, string>
        {
            ["CHAINTRACE__Sources__Eth__Rpc"] = anvil.Endpoint.ToString(),
            ["CHAINTRACE__Sources__Eth__Network"] = "regtest",
            ["CHAINTRACE__Jobs__SyncEth__Cron"] = "*/2 * * * * *",
            ["CHAINTRACE__Sources__Btc__BlocksDir"] = grow,
            ["CHAINTRACE__Sources__Btc__Network"] = "regtest",
            ["CHAINTRACE__Jobs__SyncBtc__Cron"] = "*/2 * * * * *",
            ["CHAINTRACE__Jobs__RescanWatchlists__Cron"] = "*/2 * * * * *",
            ["CHAINTRACE__Webhooks__AllowPrivateNetworks"] = "true",
        };
        foreach (var (name, value) in extra)
        {
            environment[name] = value;
        }

        using var receiver = new WebhookReceiver(failFirst: 3);
        await using var nodes = new ServiceNodes(data, environment, roles);
        await nodes.StartAsync();
        {
            var serve = nodes.Api;
            await WaitForHeightAsync(nodes, split);
            var key = (await File.ReadAllTextAsync(Path.Combine(data, "keys", "admin.key"))).Trim();
            using var http = serve.Client(key);
            using var created = await http.PostAsJsonAsync("/v1/watchlists", new
            {
                name = "ransomware",
                chain = "btc",
                subjects = new[] { watched.ToString() },
                rules = new[] { new { kind = "outgoing" } },
                webhook = new { url = receiver.Url, secret = Secret },
            });
            Assert.Equal(HttpStatusCode.Created, created.StatusCode);
            var watchlistId = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;

            // Nothing moved yet: the spend is in a block the service has not seen.
            await Task.Delay(TimeSpan.FromSeconds(5));
            Assert.Empty(receiver.Requests);

            BlkRecords.Append(Path.Combine(grow, "blk00000.dat"), records.Skip(split + 1));
            // The Ethereum node gets new blocks too (automine: one a payment), while the service runs.
            await anvil.SendAsync(accounts[1], accounts[2], OneEth, "0x", CancellationToken.None, gas: 21_000);
            await anvil.SendAsync(accounts[0], accounts[3], 2 * OneEth, "0x", CancellationToken.None, gas: 21_000);
            await WaitUntilAsync(() => receiver.Requests.Count >= 1, TimeSpan.FromSeconds(90), nodes, "no webhook request arrived");

            // SIGKILL while the delivery is being retried (the receiver answered 500), then start again on the same data.
            await nodes.KillAndRestartAsync();
            serve = nodes.Api;
            await WaitUntilAsync(() => receiver.Requests.Any(r => r.AnsweredStatus == 200), TimeSpan.FromSeconds(120), nodes, "no successful delivery");
            await WaitForHeightAsync(nodes, records.Count - 1);
            await WaitForHeightAsync(nodes, await anvil.BlockNumberAsync(CancellationToken.None), "eth");
            await Task.Delay(TimeSpan.FromSeconds(6)); // three more rescans and sync runs

            using var http2 = serve.Client(key);
            var alerts = await http2.GetFromJsonAsync<JsonElement>($"/v1/alerts?watchlist={watchlistId}");
            var alert = Assert.Single(alerts.GetProperty("items").EnumerateArray());
            Assert.Equal(JsonValueKind.Null, alerts.GetProperty("next").ValueKind);
            Assert.Equal("outgoing", alert.GetProperty("rule").GetString());
            Assert.Equal(AlertCause.Outgoing(watched, spend.TxId), alert.GetProperty("cause").GetString());
            Assert.Equal([spend.TxId.ToString()], alert.GetProperty("txs").EnumerateArray().Select(t => t.GetString()));
            Assert.Equal(spend.Amount.ToString(), alert.GetProperty("amount").GetString());

            var requests = receiver.Requests;
            Assert.Single(requests, r => r.AnsweredStatus == 200);
            Assert.True(requests.Count >= 4, $"{requests.Count} requests: three 500s then the 200 expected");
            var deliveryId = Assert.Single(requests.Select(r => r.Delivery).Distinct());
            Assert.False(string.IsNullOrEmpty(deliveryId));
            foreach (var request in requests)
            {
                Assert.Equal("POST", request.Method);
                Assert.True(WebhookSignature.Verify(Secret, request.Signature!, request.Body), $"bad signature {request.Signature}");
                Assert.False(WebhookSignature.Verify("another-secret-entirely", request.Signature!, request.Body));
                Assert.Equal(alert.GetProperty("id").GetInt64(), JsonDocument.Parse(request.Body).RootElement.GetProperty("id").GetInt64());
            }

            var deliveries = await http2.GetFromJsonAsync<JsonElement>($"/v1/watchlists/{watchlistId}/deliveries");
            var delivery = Assert.Single(deliveries.EnumerateArray());
            Assert.Equal(deliveryId, delivery.GetProperty("id").GetString());
            Assert.Equal("delivered", delivery.GetProperty("status").GetString());
            Assert.Equal(200, delivery.GetProperty("lastStatusCode").GetInt32());
            checkRuns(nodes.Outputs);

            // The API node ran no job, yet its /health and /metrics show the sources' state the workers recorded.
            var health = await http2.GetFromJsonAsync<JsonElement>("/health");
            Assert.Equal("ok", health.GetProperty("status").GetString());
            var btc = health.GetProperty("sections").GetProperty("sources").GetProperty("btc");
            Assert.True(btc.GetProperty("reachable").GetBoolean());
            Assert.Equal(0, btc.GetProperty("lag").GetInt64());
            Assert.Equal(records.Count - 1, btc.GetProperty("storedTip").GetInt64());
            Assert.NotEqual(JsonValueKind.Null, health.GetProperty("sections").GetProperty("jobs").GetProperty("sync-btc").GetProperty("lastSuccess").ValueKind);
            var eth = health.GetProperty("sections").GetProperty("sources").GetProperty("eth");
            Assert.True(eth.GetProperty("reachable").GetBoolean());
            Assert.Equal(await anvil.BlockNumberAsync(CancellationToken.None), eth.GetProperty("storedTip").GetInt64());
            Assert.NotEqual(JsonValueKind.Null, health.GetProperty("sections").GetProperty("jobs").GetProperty("sync-eth").GetProperty("lastSuccess").ValueKind);
            var metrics = await http2.GetStringAsync("/metrics");
            var (code, lint) = await Promtool.CheckMetricsAsync(metrics);
            Assert.True(code == 0, $"promtool check metrics: {code}\n{lint}\n{metrics}");
            Assert.Matches(new Regex("""(?m)^chaintrace_source_lag_blocks\{[^}]*chain="btc"[^}]*\} 0$"""), metrics);
        }
    }

    /// <summary>A ransomware address (simulator truth) with exactly one spend, and that spend.</summary>
    private static async Task<(BtcAddress, OutgoingMovement)> PickWatchedAsync(string sim, string reference)
    {
        var entities = File.ReadLines(Path.Combine(sim, "truth", "entities.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(e => e.GetProperty("category").GetString() == "ransomware").Select(e => e.GetProperty("entity_id").GetInt64()).ToHashSet();
        var addresses = File.ReadLines(Path.Combine(sim, "truth", "addresses.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(a => a.GetProperty("chain").GetString() == "btc" && entities.Contains(a.GetProperty("entity_id").GetInt64()))
            .Select(a => a.GetProperty("address").GetString()!);
        await using var store = await SqliteGraphStore.OpenAsync(Path.Combine(reference, "graph.db"), CancellationToken.None);
        foreach (var text in addresses)
        {
            var address = BtcAddress.Parse(text, Network.Regtest);
            var spends = await store.GetOutgoingAsync(address, CancellationToken.None);
            if (spends.Count == 1 && spends[0].Height > 10)
            {
                return (address, spends[0]);
            }
        }

        throw new InvalidOperationException("the scenario has no ransomware address with exactly one spend");
    }

    private static async Task WaitForHeightAsync(ServiceNodes nodes, long height, string chain = "btc")
    {
        using var http = nodes.Api.Client();
        await WaitUntilAsync(
            async () => (await http.GetFromJsonAsync<JsonElement>("/health")).GetProperty("chains") is var chains
                && chains.TryGetProperty(chain, out var tip) && tip.GetProperty("height").GetInt64() == height,
            TimeSpan.FromSeconds(120), nodes, $"{chain} height {height} not reached");
    }

    private static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, ServiceNodes nodes, string what) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout, nodes, what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, ServiceNodes nodes, string what)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (await condition())
            {
                return;
            }

            await Task.Delay(250);
        }

        throw new TimeoutException($"{what} within {timeout}:\n{nodes.Output}");
    }
}
