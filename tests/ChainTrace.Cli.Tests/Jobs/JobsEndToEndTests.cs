using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Watchlists;
using ChainTrace.Storage.Sqlite;
using ChainTrace.TestSupport;

namespace ChainTrace.Cli.Tests.Jobs;

/// <summary>
/// Real processes end to end: <c>serve</c> follows a Bitcoin blocks directory that the test grows with the simulator's
/// blocks (no manual ingest), a watched ransomware address moves funds, the rescan job raises one alert and a webhook
/// receiver on 127.0.0.1 that answers 500 three times gets exactly one successful, signed delivery; the service is
/// SIGKILLed while the delivery is being retried and restarted, and nothing is lost or sent twice.
/// </summary>
[Trait("Category", "Integration")]
public sealed class JobsEndToEndTests : IDisposable
{
    private const string Secret = "end-to-end-webhook-secret";
    private readonly TempDir _temp = new("jobs-e2e");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task GrowingBlocksDir_WatchedAddressSpends_OneAlert_OneSignedDelivery_AcrossSigkill()
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
        var environment = new Dictionary<string, string>
        {
            ["CHAINTRACE__Sources__Btc__BlocksDir"] = grow,
            ["CHAINTRACE__Sources__Btc__Network"] = "regtest",
            ["CHAINTRACE__Jobs__SyncBtc__Cron"] = "*/2 * * * * *",
            ["CHAINTRACE__Jobs__RescanWatchlists__Cron"] = "*/2 * * * * *",
            ["CHAINTRACE__Webhooks__AllowPrivateNetworks"] = "true",
        };
        using var receiver = new WebhookReceiver(failFirst: 3);

        var serve = await ServeProcess.StartAsync(data, environment: environment);
        try
        {
            await WaitForHeightAsync(serve, split);
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
            await WaitUntilAsync(() => receiver.Requests.Count >= 1, TimeSpan.FromSeconds(90), serve, "no webhook request arrived");

            // SIGKILL while the delivery is being retried (the receiver answered 500), then start again on the same data.
            await serve.KillAsync();
            await serve.DisposeAsync();
            serve = await ServeProcess.StartAsync(data, environment: environment);
            await WaitUntilAsync(() => receiver.Requests.Any(r => r.AnsweredStatus == 200), TimeSpan.FromSeconds(120), serve, "no successful delivery");
            await WaitForHeightAsync(serve, records.Count - 1);
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
        }
        finally
        {
            await serve.DisposeAsync();
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

    private static async Task WaitForHeightAsync(ServeProcess serve, long height)
    {
        using var http = serve.Client();
        await WaitUntilAsync(
            async () => (await http.GetFromJsonAsync<JsonElement>("/health")).GetProperty("chains") is var chains
                && chains.TryGetProperty("btc", out var btc) && btc.GetProperty("height").GetInt64() == height,
            TimeSpan.FromSeconds(120), serve, $"btc height {height} not reached");
    }

    private static Task WaitUntilAsync(Func<bool> condition, TimeSpan timeout, ServeProcess serve, string what) =>
        WaitUntilAsync(() => Task.FromResult(condition()), timeout, serve, what);

    private static async Task WaitUntilAsync(Func<Task<bool>> condition, TimeSpan timeout, ServeProcess serve, string what)
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

        throw new TimeoutException($"{what} within {timeout}:\n{serve.Output}");
    }
}
