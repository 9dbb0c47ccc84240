using System.Net.Http.Json;
using System.Text.Json;
using ChainTrace.Core.Access;
using ChainTrace.TestSupport;
using ChainTrace.TestSupport.Api;
using ChainTrace.TestSupport.Ethereum;

namespace ChainTrace.Risk.Tests;

/// <summary>
/// Real mainnet block 12914944 (mev-inspect-py traces) and the real Etherscan KuCoin and FTX labels. KuCoin
/// (0x4ad64983…) pays 0x491a0c4e… 0.012223 ether and FTX (0xc098b2a3…) pays 0x54484c15… 0.0025 ether, the only value
/// either receives in the block: the first answer shows direct incoming exchange exposure of exactly that many wei and
/// a share of 1; the second payment is below the 0.01-ether dust threshold from an address its recipient never paid,
/// so it is named as discounted, not counted.
/// </summary>
[Trait("Category", "Integration")]
public sealed class MainnetEthExposureTests : IDisposable
{
    private const string PaidByKucoin = "0x491a0c4e29bd670c1f790851a76fdc49d3d513c9";
    private const string PaidByFtx = "0x54484c150b6127c019c52fffcaa3591c52fe8cb2";
    private const string ZeroValueCaller = "0x0832b0393e3a920913cc2974bf78b0463db01119";
    private readonly TempDir _temp = new("risk-eth-main");

    [Fact]
    public async Task AddressPaidByALabelledExchange_ShowsDirectExchangeExposure_AndASmallUnansweredPaymentIsDiscounted()
    {
        var data = _temp.File("data");
        MevInspectEtl.Write(SharedData.Path("ethereum", "mev-inspect-py", "12914944.json"), _temp.File("etl"));
        await Cli.RunAsync("--data", data, "ingest", "eth", "--etl", _temp.File("etl"));
        await Cli.RunAsync("--data", data, "labels", "import", SharedData.Path("labels", "etherscan-labels-brianleect", "accounts", "kucoin.csv"));
        await Cli.RunAsync("--data", data, "labels", "import", SharedData.Path("labels", "etherscan-labels-brianleect", "accounts", "ftx.csv"));
        var refresh = await Cli.RunAsync("--data", data, "risk", "refresh");
        Assert.Contains("risk refresh: eth height=12914944", refresh, StringComparison.Ordinal);
        await using var api = await InProcessApi.StartAsync(data, ApiRole.Exchange);

        var risk = await api.Http.GetFromJsonAsync<JsonElement>($"/v1/addresses/eth/{PaidByKucoin}/risk");
        Assert.True(risk.GetProperty("seen").GetBoolean());
        Assert.Equal(12914944, risk.GetProperty("dataHeight").GetInt64());
        Assert.Equal("12223000000000000", risk.GetProperty("received").GetString());
        var exposure = Assert.Single(risk.GetProperty("exposures").EnumerateArray());
        Assert.Equal(("exchange", "incoming", "direct", "12223000000000000", 1.0),
            (exposure.GetProperty("category").GetString(), exposure.GetProperty("direction").GetString(), exposure.GetProperty("type").GetString(),
                exposure.GetProperty("amount").GetString(), exposure.GetProperty("share").GetDouble()));

        var dusted = await api.Http.GetFromJsonAsync<JsonElement>($"/v1/addresses/eth/{PaidByFtx}/risk");
        Assert.Empty(dusted.GetProperty("exposures").EnumerateArray());
        var dust = Assert.Single(dusted.GetProperty("discounted").EnumerateArray());
        Assert.Equal(("exchange", "2500000000000000"), (dust.GetProperty("category").GetString(), dust.GetProperty("amount").GetString()));

        // 0x0832b039… only made a call that moved no value (to the OFAC-listed 0x8576acc5…, out of gas): it has stored
        // transactions, so it is seen, with no exposure, not "never seen on chain".
        var caller = await api.Http.GetFromJsonAsync<JsonElement>($"/v1/addresses/eth/{ZeroValueCaller}/risk");
        Assert.True(caller.GetProperty("seen").GetBoolean());
        Assert.Matches(@"^[1-9]\d* stored transaction\(s\) but none moved value", caller.GetProperty("note").GetString());
        Assert.Empty(caller.GetProperty("exposures").EnumerateArray());
        var never = await api.Http.GetFromJsonAsync<JsonElement>("/v1/addresses/eth/0x00000000000000000000000000000000deadbeef/risk");
        Assert.False(never.GetProperty("seen").GetBoolean());
    }
    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _temp.Dispose();
    }
}
