using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Watchlists;
using ChainTrace.TestSupport;

namespace ChainTrace.Cli.Tests.Jobs;

/// <summary>
/// <c>sync-btc</c>, <c>recluster</c>, <c>refresh-risk</c> and <c>rescan-watchlists</c> run through
/// <c>POST /v1/jobs/{name}</c> in a real <c>serve</c> process (Hangfire, schedules set to never fire) over the
/// simulator's <c>ransomware-to-exchange</c> blocks in two parts: after the second part the clusters and the risk store
/// have moved to the new blocks (recluster enqueues refresh-risk by itself), and a <c>cluster-grows</c> watchlist over
/// one address of each simulated entity gets exactly one alert per address that joined a watched cluster, none on a
/// repeated rescan.
/// </summary>
[Trait("Category", "Integration")]
public sealed class ReclusterRiskJobsTests : IDisposable
{
    private const string Never = "0 0 0 1 1 *";
    private readonly TempDir _temp = new("recluster-jobs");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task NewBlocks_ReclusterAndRefreshRiskJobsMoveToThem_ClusterGrowsAlertsOncePerJoiningAddress()
    {
        var sim = _temp.File("sim");
        await Simulator.Simulator.RunAsync(new Simulator.SimulationOptions { Scenario = "ransomware-to-exchange", Seed = 1, OutDir = sim, Signed = false }, CancellationToken.None);
        var records = BlkRecords.Read(Path.Combine(sim, "btc", "blocks", "blk00000.dat"));
        var split = records.Count / 2;
        var grow = Directory.CreateDirectory(_temp.File("grow")).FullName;
        BlkRecords.Append(Path.Combine(grow, "blk00000.dat"), records.Take(split + 1));
        var data = _temp.File("data");
        Assert.Equal(0, (await CliRunner.RunAsync("labels", "import", Path.Combine(sim, "labels", "tagpack.yaml"), "--network", "regtest", "--data", data)).ExitCode);

        await using var serve = await ServeProcess.StartAsync(data, environment: new Dictionary<string, string>
        {
            ["CHAINTRACE__Sources__Btc__BlocksDir"] = grow,
            ["CHAINTRACE__Sources__Btc__Network"] = "regtest",
            ["CHAINTRACE__Jobs__SyncBtc__Cron"] = Never,
            ["CHAINTRACE__Jobs__Recluster__Cron"] = Never,
            ["CHAINTRACE__Jobs__RescanWatchlists__Cron"] = Never,
        });
        var key = (await File.ReadAllTextAsync(Path.Combine(data, "keys", "admin.key"))).Trim();
        using var http = serve.Client(key);

        await JobTrigger.RunAsync(http, serve, "sync-btc");
        await JobTrigger.RunAsync(http, serve, "recluster", "refresh-risk");
        var subjects = await ClusteredEntityAddressesAsync(http, sim);
        Assert.NotEmpty(subjects);
        var before = new Dictionary<string, HashSet<string>>();
        foreach (var subject in subjects)
        {
            before[subject] = await MembersAsync(http, subject);
        }

        Assert.Equal(split, (await RiskAsync(http, subjects[0])).GetProperty("dataHeight").GetInt64());
        using var created = await http.PostAsJsonAsync("/v1/watchlists", new { name = "entities", chain = "btc", subjects, rules = new[] { new { kind = "cluster-grows" } } });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var watchlist = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("id").GetString()!;
        await JobTrigger.RunAsync(http, serve, "rescan-watchlists");
        Assert.Empty(await AlertsAsync(http, watchlist));

        BlkRecords.Append(Path.Combine(grow, "blk00000.dat"), records.Skip(split + 1));
        await JobTrigger.RunAsync(http, serve, "sync-btc");
        await JobTrigger.RunAsync(http, serve, "recluster", "refresh-risk");
        await JobTrigger.RunAsync(http, serve, "rescan-watchlists");
        await JobTrigger.RunAsync(http, serve, "rescan-watchlists");

        var expected = new List<string>();
        var debug = new System.Text.StringBuilder();
        foreach (var subject in subjects)
        {
            var now = await MembersAsync(http, subject);
            if (!now.SetEquals(before[subject]))
            {
                debug.AppendLine($"{subject}: before [{string.Join(",", before[subject])}] now [{string.Join(",", now)}]");
            }

            expected.AddRange((await MembersAsync(http, subject)).Except(before[subject]).Select(a => AlertCause.ClusterGrows(Chain.Btc, subject, BtcAddress.Parse(a, Network.Regtest))));
        }

        Assert.NotEmpty(expected); // some watched cluster took in addresses from the new blocks
        var alerts = await AlertsAsync(http, watchlist);
        var causes = alerts.Select(a => a.GetProperty("cause").GetString()!).ToList();
        Assert.True(
            expected.Order(StringComparer.Ordinal).SequenceEqual(causes.Order(StringComparer.Ordinal)),
            $"expected {expected.Count} causes, got {causes.Count}; missing: {string.Join(", ", expected.Except(causes).Take(5))}; unexpected: {string.Join(", ", causes.Except(expected).Take(5))}\n{debug}\n{string.Join("\n", alerts.Select(a => a.GetRawText()))}");
        Assert.All(alerts, a => Assert.Equal("cluster-grows", a.GetProperty("rule").GetString()));
        Assert.Equal(records.Count - 1, (await RiskAsync(http, subjects[0])).GetProperty("dataHeight").GetInt64());
    }

    /// <summary>The first Bitcoin address of each simulated entity (ground truth) that is in a cluster already.</summary>
    private static async Task<List<string>> ClusteredEntityAddressesAsync(HttpClient http, string sim)
    {
        var firstOfEntity = File.ReadLines(Path.Combine(sim, "truth", "addresses.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(a => a.GetProperty("chain").GetString() == "btc")
            .GroupBy(a => a.GetProperty("entity_id").GetInt64())
            .Select(g => g.First().GetProperty("address").GetString()!);
        var clustered = new List<string>();
        foreach (var address in firstOfEntity)
        {
            using var response = await http.GetAsync($"/v1/addresses/btc/{address}/cluster");
            if (response.StatusCode == HttpStatusCode.OK)
            {
                clustered.Add(address);
            }
        }

        return clustered;
    }

    private static async Task<HashSet<string>> MembersAsync(HttpClient http, string address)
    {
        var id = (await http.GetFromJsonAsync<JsonElement>($"/v1/addresses/btc/{address}/cluster")).GetProperty("id").GetInt64();
        var members = new HashSet<string>(StringComparer.Ordinal);
        string? cursor = null;
        do
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/v1/clusters/btc/{id}/addresses?limit=1000" + (cursor is null ? "" : $"&cursor={Uri.EscapeDataString(cursor)}"));
            members.UnionWith(page.GetProperty("items").EnumerateArray().Select(a => a.GetString()!));
            cursor = page.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        return members;
    }

    private static Task<JsonElement> RiskAsync(HttpClient http, string address) => http.GetFromJsonAsync<JsonElement>($"/v1/addresses/btc/{address}/risk");

    private static async Task<List<JsonElement>> AlertsAsync(HttpClient http, string watchlist)
    {
        var alerts = new List<JsonElement>();
        string? cursor = null;
        do
        {
            var page = await http.GetFromJsonAsync<JsonElement>($"/v1/alerts?watchlist={watchlist}" + (cursor is null ? "" : $"&cursor={cursor}"));
            alerts.AddRange(page.GetProperty("items").EnumerateArray());
            cursor = page.GetProperty("next").GetString();
        }
        while (cursor is not null);

        return alerts;
    }
}
