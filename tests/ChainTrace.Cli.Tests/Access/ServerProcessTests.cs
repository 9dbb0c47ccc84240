using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Security.Cryptography;
using System.Text.Json;
using ChainTrace.Storage.Sqlite.AppState;
using ChainTrace.TestSupport;

namespace ChainTrace.Cli.Tests.Access;

/// <summary>Rate limits and audit durability against a real <c>chaintrace serve</c> process over real HTTP.</summary>
[Trait("Category", "Integration")]
public sealed class ServerProcessTests : IDisposable
{
    private const string Payee = "1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3";
    private readonly TempDir _temp = new("serve-access");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task HeavyBurst_Gets429WithRetryAfter_WhileOtherPartitionsKeepAnswering()
    {
        var data = await IngestAsync();
        var tracer = await CreateKeyAsync(data, "tracer");
        var screener = await CreateKeyAsync(data, "screener");
        await using var server = await ServeProcess.StartAsync(data, environment: new Dictionary<string, string>
        {
            ["CHAINTRACE__RateLimits__HeavyBurst"] = "3",
            ["CHAINTRACE__RateLimits__HeavyPerSecond"] = "1",
            // The lookups below run back to back for 3 s (over 500 a second per key on a quick machine): the
            // standard class's own limit (300/s after a burst of 600) must not be what answers them 429.
            ["CHAINTRACE__RateLimits__StandardBurst"] = "1000000",
            ["CHAINTRACE__RateLimits__StandardPerSecond"] = "1000000",
        });
        using var heavy = server.Client(tracer);
        using var other = server.Client(screener);
        var neighbours = $"/v1/addresses/btc/{Payee}/neighbours?direction=in";

        var burst = new List<HttpResponseMessage>();
        for (var i = 0; i < 8; i++)
        {
            burst.Add(await heavy.GetAsync(neighbours));
        }

        Assert.Equal(HttpStatusCode.OK, burst[0].StatusCode);
        var limited = burst.First(r => r.StatusCode == HttpStatusCode.TooManyRequests);
        Assert.True(limited.Headers.RetryAfter?.Delta >= TimeSpan.FromSeconds(1), "429 carries Retry-After in seconds");
        Assert.Equal("rate-limited", (await limited.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        Assert.True(burst.Count(r => r.StatusCode == HttpStatusCode.OK) <= 4, "at most the burst and one refill pass");

        // The tracer keeps its heavy partition saturated from eight connections while the other key's lookups,
        // and the tracer's own lookups (another class of the same key), must all still be answered.
        using var stop = new CancellationTokenSource(TimeSpan.FromSeconds(3));
        var heavyStatuses = new ConcurrentBag<HttpStatusCode>();
        var saturate = Enumerable.Range(0, 8).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                using var response = await heavy.GetAsync(neighbours, CancellationToken.None);
                heavyStatuses.Add(response.StatusCode);
            }
        })).ToList();
        var lookups = new List<HttpStatusCode>();
        while (!stop.IsCancellationRequested)
        {
            using var a = await other.GetAsync($"/v1/addresses/btc/{Payee}", CancellationToken.None);
            using var b = await heavy.GetAsync($"/v1/addresses/btc/{Payee}", CancellationToken.None);
            lookups.Add(a.StatusCode);
            lookups.Add(b.StatusCode);
        }

        await Task.WhenAll(saturate);
        Assert.True(heavyStatuses.Count(s => s == HttpStatusCode.TooManyRequests) > 10, "the heavy partition was saturated");
        Assert.True(lookups.Count >= 10, $"only {lookups.Count} lookups ran");
        Assert.All(lookups, status => Assert.Equal(HttpStatusCode.OK, status));
    }

    [Fact]
    public async Task AnsweredRequests_HaveTheirAuditEntries_AfterSigkillMidLoad()
    {
        var data = await IngestAsync();
        var key = await CreateKeyAsync(data, "loader");
        var answered = new ConcurrentBag<string>();

        // Several rounds on the same data: each kill lands at another moment of the group-commit cycle.
        for (var round = 1; round <= 3; round++)
        {
            await LoadThenKillAsync(data, key, answered, 300 * round);
        }

        // Answers wait for the audit journal's fsync, not for the log: a start copies what the killed runs left in
        // their journals, before it journals its own first request (so that request's answer means it is done).
        await using (var restarted = await ServeProcess.StartAsync(data))
        {
            using var http = restarted.Client(key);
            using var response = await http.GetAsync($"/v1/transactions/btc/{new string('0', 64)}", CancellationToken.None);
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        }

        await using var store = await SqliteAppStateStore.OpenAsync(Path.Combine(data, "appstate.db"), CancellationToken.None);
        var logged = new HashSet<string>();
        await foreach (var entry in store.ReadAllAsync(CancellationToken.None))
        {
            logged.Add(entry.Event.Subject);
        }

        var missing = answered.Where(subject => !logged.Contains(subject)).ToList();
        Assert.True(missing.Count == 0, $"{missing.Count} of {answered.Count} answered requests have no audit entry, e.g. {missing.FirstOrDefault()}");
    }

    private static async Task LoadThenKillAsync(string data, string key, ConcurrentBag<string> answered, int until)
    {
        var server = await ServeProcess.StartAsync(data);
        await using (server)
        {
            using var http = server.Client(key);
            using var stop = new CancellationTokenSource();
            var load = Enumerable.Range(0, 16).Select(_ => Task.Run(async () =>
            {
                while (!stop.IsCancellationRequested)
                {
                    var txid = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32));
                    try
                    {
                        using var response = await http.GetAsync($"/v1/transactions/btc/{txid}", CancellationToken.None);
                        await response.Content.ReadAsByteArrayAsync(CancellationToken.None);
                        if (response.StatusCode == HttpStatusCode.NotFound)
                        {
                            answered.Add($"tx:btc:{txid}");
                        }
                    }
                    catch (HttpRequestException)
                    {
                        return;
                    }
                }
            })).ToList();

            while (answered.Count < until)
            {
                await Task.Delay(10);
            }

            await server.KillAsync();
            await stop.CancelAsync();
            await Task.WhenAll(load);
        }
    }

    private async Task<string> IngestAsync()
    {
        var data = _temp.File("data");
        var ingest = await CliRunner.RunAsync("ingest", "btc", "--blocks-dir", MainnetFiles.BlocksDir(_temp), "--data", data);
        Assert.Equal(0, ingest.ExitCode);
        return data;
    }

    private static async Task<string> CreateKeyAsync(string data, string name)
    {
        var created = await CliRunner.RunAsync("keys", "create", "--role", "investigator", "--name", name, "--data", data);
        Assert.Equal(0, created.ExitCode);
        return created.Output.Trim();
    }
}
