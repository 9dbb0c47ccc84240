using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChainTrace.Core.Clustering;
using ChainTrace.Index.Service;
using ChainTrace.Index.Utxo;
using ChainTrace.Core.Access;
using ChainTrace.TestSupport;
using ChainTrace.TestSupport.Api;

namespace ChainTrace.Cli.Tests;

/// <summary>The cluster endpoints of the real service over the simulator's clustered <c>small</c> economy.</summary>
[Trait("Category", "Integration")]
public sealed class ClusterApiTests : IAsyncLifetime
{
    private readonly TempDir _temp = new("cluster-api");
    private InProcessApi? _api;
    private HttpClient _http = new();
    private string _exchangeAddress = "";

    private string Data => _temp.File("data");

    public async Task InitializeAsync()
    {
        var sim = _temp.File("sim");
        await Simulator.Simulator.RunAsync(new Simulator.SimulationOptions { Scenario = "small", Seed = 3, OutDir = sim, Signed = false }, CancellationToken.None);
        var ingest = await CliRunner.RunAsync("ingest", "btc", "--network", "regtest", "--blocks-dir", Path.Combine(sim, "btc", "blocks"), "--data", Data);
        Assert.Equal(0, ingest.ExitCode);
        Assert.Contains("clustered btc to height", ingest.Output, StringComparison.Ordinal);
        _exchangeAddress = File.ReadLines(Path.Combine(sim, "truth", "addresses.jsonl"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .First(e => e.GetProperty("chain").GetString() == "btc" && e.GetProperty("role").GetString() == "hot_wallet")
            .GetProperty("address").GetString()!;
        _api = await InProcessApi.StartAsync(Data, ApiRole.Investigator);
        _http = _api.Http;
    }

    public async Task DisposeAsync()
    {
        if (_api is not null)
        {
            await _api.DisposeAsync();
        }

        _temp.Dispose();
    }

    [Fact]
    public async Task AddressCluster_AndCluster_AgreeOnSizeEvidenceAndHeight()
    {
        using var byAddress = JsonDocument.Parse(await _http.GetStringAsync($"/v1/addresses/btc/{_exchangeAddress}/cluster"));
        var id = byAddress.RootElement.GetProperty("id").GetInt64();
        using var byId = JsonDocument.Parse(await _http.GetStringAsync($"/v1/clusters/btc/{id}"));
        var cluster = byId.RootElement;

        Assert.Equal(byAddress.RootElement.ToString(), cluster.ToString());
        Assert.True(cluster.GetProperty("size").GetInt32() > 1);
        Assert.True(cluster.GetProperty("evidence").GetProperty("co-spend").GetInt64() >= cluster.GetProperty("size").GetInt32() - 1);
        Assert.True(long.Parse(cluster.GetProperty("received").GetString()!, System.Globalization.CultureInfo.InvariantCulture) > 0);
        Assert.True(cluster.GetProperty("txCount").GetInt64() > 0);
        Assert.True(cluster.GetProperty("dataHeight").GetInt64() > 0);
        Assert.True(cluster.GetProperty("lastSeen").GetProperty("height").GetInt64() >= cluster.GetProperty("firstSeen").GetProperty("height").GetInt64());
    }

    [Fact]
    public async Task AbsorbedId_AnswersWithThePointerToTheSurvivor()
    {
        var id = await ExchangeClusterIdAsync();
        var members = await AllPagesAsync($"/v1/clusters/btc/{id}/addresses", 3);
        using var model = await BtcReadModel.OpenAsync(Data);
        var index = model.Index;
        var absorbed = members.Select(m => (long)index.FindAddress(Core.Addresses.BtcAddress.Parse(m.GetString()!, Core.Chains.Network.Regtest).Key)).First(a => a != id);

        using var json = JsonDocument.Parse(await _http.GetStringAsync($"/v1/clusters/btc/{absorbed}"));

        Assert.Equal(id, json.RootElement.GetProperty("id").GetInt64());
        Assert.Equal(absorbed, json.RootElement.GetProperty("requestedId").GetInt64());
        Assert.Equal($"/v1/clusters/btc/{id}", json.RootElement.GetProperty("absorbedInto").GetString());
    }

    [Fact]
    public async Task Addresses_AndLinks_PageThroughEverythingWithOpaqueCursors()
    {
        var id = await ExchangeClusterIdAsync();
        using var cluster = JsonDocument.Parse(await _http.GetStringAsync($"/v1/clusters/btc/{id}"));

        var addresses = await AllPagesAsync($"/v1/clusters/btc/{id}/addresses", 4);
        var links = await AllPagesAsync($"/v1/clusters/btc/{id}/links", 5);

        Assert.Equal(cluster.RootElement.GetProperty("size").GetInt32(), addresses.Select(a => a.GetString()).Distinct().Count());
        Assert.Contains(_exchangeAddress, addresses.Select(a => a.GetString()));
        var evidence = cluster.RootElement.GetProperty("evidence").EnumerateObject().Sum(e => e.Value.GetInt64());
        Assert.Equal(evidence, links.Count);
        Assert.All(links, l =>
        {
            Assert.Equal("co-spend", l.GetProperty("heuristic").GetString());
            Assert.Equal(64, l.GetProperty("tx").GetString()!.Length);
            Assert.Equal(90, l.GetProperty("confidence").GetInt32());
        });
    }

    [Fact]
    public async Task BtcTransaction_CarriesCoinJoinAndChange()
    {
        var (mixId, paymentId) = await FindTransactionsAsync();

        using var mix = JsonDocument.Parse(await _http.GetStringAsync($"/v1/transactions/btc/{mixId}"));
        using var payment = JsonDocument.Parse(await _http.GetStringAsync($"/v1/transactions/btc/{paymentId}"));

        Assert.NotEqual(JsonValueKind.Null, mix.RootElement.GetProperty("coinJoin").ValueKind);
        Assert.True(mix.RootElement.GetProperty("coinJoin").GetProperty("confidence").GetInt32() > 0);
        Assert.Equal(JsonValueKind.Null, payment.RootElement.GetProperty("coinJoin").ValueKind);
        Assert.NotEqual(JsonValueKind.Null, payment.RootElement.GetProperty("change").ValueKind);
    }

    [Theory]
    [InlineData("/v1/clusters/btc/999999999", 404, "not-found")]
    [InlineData("/v1/clusters/btc/999999999/addresses", 404, "not-found")]
    [InlineData("/v1/clusters/btc/999999999/links", 404, "not-found")]
    [InlineData("/v1/clusters/btc/-1", 400, "invalid-parameter")]
    [InlineData("/v1/clusters/btc/abc", 400, "invalid-parameter")]
    [InlineData("/v1/clusters/btc/99999999999999999999", 400, "invalid-parameter")]
    [InlineData("/v1/clusters/btc/0/addresses?cursor=not-a-cursor", 400, "invalid-parameter")]
    [InlineData("/v1/clusters/btc/0/links?cursor=YWJj", 400, "invalid-parameter")]
    [InlineData("/v1/clusters/btc/0/links?limit=0", 400, "invalid-parameter")]
    [InlineData("/v1/clusters/xrp/0", 400, "unknown-chain")]
    [InlineData("/v1/addresses/btc/not-an-address/cluster", 400, "invalid-address")]
    [InlineData("/v1/addresses/btc/bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080/cluster", 404, "not-found")]
    public async Task BadInput_GetsProblemDetailsWithStableCode(string path, int status, string code)
    {
        var response = await _http.GetAsync(path);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    [Fact]
    public async Task Cli_ShowReviewsAndApprove_AnswerLikeTheApi()
    {
        var id = await ExchangeClusterIdAsync();
        var show = await CliRunner.RunAsync("cluster", "show", "btc", id.ToString(System.Globalization.CultureInfo.InvariantCulture), "--data", Data);
        var reviews = await CliRunner.RunAsync("cluster", "reviews", "--data", Data);
        var approve = await CliRunner.RunAsync("cluster", "approve", "12345", "--data", Data);
        var unknown = await CliRunner.RunAsync("cluster", "show", "btc", "999999999", "--data", Data);

        Assert.Equal(0, show.ExitCode);
        Assert.Contains($"cluster     btc {id}", show.Output, StringComparison.Ordinal);
        Assert.Contains("co-spend", show.Output, StringComparison.Ordinal);
        Assert.Equal(0, reviews.ExitCode);
        Assert.Contains("0 reviews", reviews.Output, StringComparison.Ordinal);
        Assert.Equal(3, approve.ExitCode);
        Assert.Equal(3, unknown.ExitCode);
        Assert.Contains("[not-found]", unknown.Error, StringComparison.Ordinal);
    }

    private async Task<long> ExchangeClusterIdAsync()
    {
        using var json = JsonDocument.Parse(await _http.GetStringAsync($"/v1/addresses/btc/{_exchangeAddress}/cluster"));
        return json.RootElement.GetProperty("id").GetInt64();
    }

    private async Task<List<JsonElement>> AllPagesAsync(string path, int limit)
    {
        var items = new List<JsonElement>();
        string? cursor = null;
        do
        {
            using var page = JsonDocument.Parse(await _http.GetStringAsync($"{path}?limit={limit}{(cursor is null ? "" : "&cursor=" + cursor)}"));
            var batch = page.RootElement.GetProperty("items").EnumerateArray().Select(e => e.Clone()).ToList();
            Assert.InRange(batch.Count, 1, limit);
            items.AddRange(batch);
            cursor = page.RootElement.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        return items;
    }

    /// <summary>A transaction the detectors flag, and an ordinary two-output payment, found in the read model.</summary>
    private async Task<(string Mix, string Payment)> FindTransactionsAsync()
    {
        using var model = await BtcReadModel.OpenAsync(Data);
        var index = model.Index;
        int? mix = null, payment = null;
        for (var t = 0; t < index.TxCount && (mix is null || payment is null); t++)
        {
            var facts = index.Facts(t);
            if (facts.IsCoinbase)
            {
                continue;
            }

            if (CoinJoinDetectors.Detect(facts) is { ExcludesCoSpend: true })
            {
                mix ??= t;
            }
            else if (facts.Outputs.Count == 2 && ChangeHeuristics.Best(ChangeHeuristics.Evaluate(facts)) is not null)
            {
                payment ??= t;
            }
        }

        Assert.NotNull(mix);
        Assert.NotNull(payment);
        return (await TxIdAsync(index, mix.Value), await TxIdAsync(index, payment.Value));
    }

    private async Task<string> TxIdAsync(UtxoIndex index, int tx)
    {
        var block = index.Block(index.BlockOfTx(tx));
        return (await _api!.Store.GetTxIdAtAsync(block.Height, tx - block.FirstTx, CancellationToken.None))!.Value.ToString();
    }
}
