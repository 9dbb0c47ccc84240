using System.Net.Http.Json;
using System.Text.Json;
using System.Text.Json.Nodes;
using ChainTrace.Core.Access;
using ChainTrace.TestSupport;
using ChainTrace.TestSupport.Api;

namespace ChainTrace.Risk.Tests;

/// <summary>
/// Ethereum exposure through <c>risk refresh</c> into the screening answers, on a hand-made ETL export of one block
/// and an OFAC-format list naming the sanctioned sender S: S pays V 0.001 ether unasked (V never sent to S: dust,
/// discounted, and not passed on when V pays W), P 0.001 ether (P had sent to S: not dust) and Q 2 ether.
/// </summary>
[Trait("Category", "Integration")]
public sealed class EthScreeningTests : IDisposable
{
    private const string S = "0x1111111111111111111111111111111111111111";
    private const string V = "0x2222222222222222222222222222222222222222";
    private const string P = "0x3333333333333333333333333333333333333333";
    private const string Q = "0x4444444444444444444444444444444444444444";
    private const string W = "0x5555555555555555555555555555555555555555";
    private const string Milli = "1000000000000000";
    private const string TwoEther = "2000000000000000000";
    private readonly TempDir _temp = new("risk-eth-screen");

    [Fact]
    public async Task DustFromTheSanctionedSender_IsDiscountedAndNotPassedOn_WhileRealPaymentsShowDirectExposure()
    {
        var data = await StoreAsync();
        await Cli.RunAsync("--data", data, "risk", "refresh");
        await using var api = await InProcessApi.StartAsync(data, ApiRole.Exchange);

        var v = await api.Http.GetFromJsonAsync<JsonElement>($"/v1/addresses/eth/{V}/risk");
        Assert.True(v.GetProperty("seen").GetBoolean());
        Assert.Equal(1, v.GetProperty("dataHeight").GetInt64());
        Assert.DoesNotContain(v.GetProperty("exposures").EnumerateArray(), e => e.GetProperty("category").GetString() == "sanction" && e.GetProperty("direction").GetString() == "incoming");
        var dust = Assert.Single(v.GetProperty("discounted").EnumerateArray());
        Assert.Equal("sanction", dust.GetProperty("category").GetString());
        Assert.Equal(Milli, dust.GetProperty("amount").GetString());
        Assert.Equal("low", v.GetProperty("level").GetString());
        Assert.Contains(v.GetProperty("reasons").EnumerateArray(), r => r.GetProperty("code").GetString() == "dust_discounted");
        var w = await api.Http.GetFromJsonAsync<JsonElement>($"/v1/addresses/eth/{W}/risk");
        Assert.Empty(w.GetProperty("exposures").EnumerateArray());

        var p = await api.Http.GetFromJsonAsync<JsonElement>($"/v1/addresses/eth/{P}/risk");
        var direct = Assert.Single(p.GetProperty("exposures").EnumerateArray(), e => e.GetProperty("direction").GetString() == "incoming");
        Assert.Equal(("sanction", "direct", Milli, 1.0), (direct.GetProperty("category").GetString(), direct.GetProperty("type").GetString(), direct.GetProperty("amount").GetString(), direct.GetProperty("share").GetDouble()));

        // Q: 2 ether straight from S, as decimal strings of wei, in each answer shape.
        var q = await api.Http.GetFromJsonAsync<JsonElement>($"/v1/addresses/eth/{Q}/risk");
        Assert.Equal(TwoEther, q.GetProperty("received").GetString());
        var qIn = Assert.Single(q.GetProperty("exposures").EnumerateArray());
        Assert.Equal((TwoEther, "direct"), (qIn.GetProperty("amount").GetString(), qIn.GetProperty("type").GetString()));
        Assert.Equal("severe", q.GetProperty("level").GetString());
        var batch = await (await api.Http.PostAsJsonAsync("/v1/screenings", new { items = new[] { new { chain = "eth", address = Q, direction = "deposit" } } })).Content.ReadFromJsonAsync<JsonElement>();
        var item = batch.GetProperty("items")[0];
        Assert.Equal("sanction", item.GetProperty("risk").GetProperty("exposures")[0].GetProperty("category").GetString());
        var entity = await api.Http.GetFromJsonAsync<JsonElement>($"/api/risk/v2/entities/{Q}");
        var exposure = Assert.Single(entity.GetProperty("exposures").EnumerateArray());
        Assert.Equal(("sanction", "direct", "received"), (exposure.GetProperty("category").GetString(), exposure.GetProperty("exposureType").GetString(), exposure.GetProperty("direction").GetString()));
        // The value is the wei as an exact JSON integer (it was a double: 2E+18, and beyond 2^53 wei not exact).
        Assert.Equal(TwoEther, exposure.GetProperty("value").GetRawText());
        Assert.Equal("Severe", entity.GetProperty("risk").GetString());
    }

    [Fact]
    public async Task WithoutADustThreshold_TheSameTransferIsExposure_AndReachesTheNextHop()
    {
        var data = await StoreAsync();
        await Cli.RunAsync("--data", data, "risk", "refresh", "--eth-dust-threshold", "0");
        await using var api = await InProcessApi.StartAsync(data, ApiRole.Exchange);
        var v = await api.Http.GetFromJsonAsync<JsonElement>($"/v1/addresses/eth/{V}/risk");
        Assert.Empty(v.GetProperty("discounted").EnumerateArray());
        Assert.Contains(v.GetProperty("exposures").EnumerateArray(), e => e.GetProperty("category").GetString() == "sanction" && e.GetProperty("type").GetString() == "direct");
        var w = await api.Http.GetFromJsonAsync<JsonElement>($"/v1/addresses/eth/{W}/risk");
        Assert.Contains(w.GetProperty("exposures").EnumerateArray(), e => e.GetProperty("category").GetString() == "sanction" && e.GetProperty("type").GetString() == "indirect");
    }

    [Fact]
    public async Task ADustThresholdAbove2To63Wei_IsTakenWhole_AndDiscountsTheTwoEtherPayment()
    {
        // 10 ether = 10^19 wei > 2^63 - 1 (~9.22 ether): a 64-bit threshold could not hold it (the option did not even parse).
        const string TenEther = "10000000000000000000";
        var data = await StoreAsync();
        await Cli.RunAsync("--data", data, "risk", "refresh", "--eth-dust-threshold", TenEther);
        using (var store = ChainTrace.Risk.Storage.RiskStore.TryOpen(EthRiskRefresh.StorePath(data))!)
        {
            Assert.Equal(UInt128.Parse(TenEther, System.Globalization.CultureInfo.InvariantCulture), store.Snapshot.DustThreshold);
        }

        await using var api = await InProcessApi.StartAsync(data, ApiRole.Exchange);
        var q = await api.Http.GetFromJsonAsync<JsonElement>($"/v1/addresses/eth/{Q}/risk");
        Assert.DoesNotContain(q.GetProperty("exposures").EnumerateArray(), e => e.GetProperty("direction").GetString() == "incoming");
        var dust = Assert.Single(q.GetProperty("discounted").EnumerateArray());
        Assert.Equal((TwoEther, 1), (dust.GetProperty("amount").GetString(), dust.GetProperty("outputs").GetInt32()));
        Assert.Contains("outputs counts these transfers", dust.GetProperty("reason").GetString(), StringComparison.Ordinal);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }

    /// <summary>Block 1: P → S, S → V (dust), S → P, S → Q, V → W (half of V's milli-ether).</summary>
    private async Task<string> StoreAsync()
    {
        var etl = _temp.File("etl");
        Directory.CreateDirectory(etl);
        var transfers = new[] { (P, S, "5000000000000000"), (S, V, Milli), (S, P, Milli), (S, Q, TwoEther), (V, W, "500000000000000") };
        var txs = new List<JsonObject>();
        var receipts = new List<JsonObject>();
        var traces = new List<JsonObject>();
        for (var i = 0; i < transfers.Length; i++)
        {
            var (from, to, value) = transfers[i];
            var hash = "0x" + (i + 1).ToString("x64", System.Globalization.CultureInfo.InvariantCulture);
            txs.Add(new JsonObject { ["hash"] = hash, ["block_number"] = 1, ["transaction_index"] = i, ["from_address"] = from, ["to_address"] = to, ["value"] = value, ["gas"] = "21000", ["gas_price"] = "1" });
            receipts.Add(new JsonObject { ["transaction_hash"] = hash, ["block_number"] = 1, ["gas_used"] = 21000, ["effective_gas_price"] = "1", ["contract_address"] = null, ["status"] = 1 });
            traces.Add(new JsonObject
            {
                ["block_number"] = 1, ["transaction_hash"] = hash, ["transaction_index"] = i, ["from_address"] = from, ["to_address"] = to, ["value"] = value,
                ["trace_type"] = "call", ["call_type"] = "call", ["trace_address"] = new JsonArray(), ["error"] = null,
            });
        }

        await File.WriteAllTextAsync(Path.Combine(etl, "blocks.json"), new JsonObject
        {
            ["number"] = 1, ["hash"] = "0x" + new string('a', 64), ["parent_hash"] = "0x" + new string('0', 64), ["timestamp"] = 1_700_000_000, ["miner"] = "0x" + new string('0', 40),
        }.ToJsonString() + "\n");
        await File.WriteAllLinesAsync(Path.Combine(etl, "transactions.json"), txs.Select(t => t.ToJsonString()));
        await File.WriteAllLinesAsync(Path.Combine(etl, "receipts.json"), receipts.Select(t => t.ToJsonString()));
        await File.WriteAllLinesAsync(Path.Combine(etl, "traces.json"), traces.Select(t => t.ToJsonString()));
        var list = _temp.File("sanctioned_addresses_ETH.txt");
        await File.WriteAllTextAsync(list, S + "\n");
        var data = _temp.File("data");
        await Cli.RunAsync("--data", data, "ingest", "eth", "--etl", etl);
        await Cli.RunAsync("--data", data, "labels", "import", list);
        return data;
    }
}
