using System.Net.Http.Json;
using System.Text.Json;
using ChainTrace.Core.Access;
using ChainTrace.TestSupport;
using ChainTrace.TestSupport.Api;

namespace ChainTrace.Risk.Tests;

/// <summary>
/// Sanctions that reach the store through other packs than the OFAC XBT list, on real block 574200: GraphSense's own
/// <c>ofac.yaml</c> (category user, no confidence, sourced from the SDN list) and the OFAC USDT list's Omni (Bitcoin-form)
/// addresses. Either alone must make an exchange block.
/// </summary>
[Trait("Category", "Integration")]
public sealed class OtherSanctionSourcesTests : IAsyncLifetime
{
    private const string Sanctioned = "1NpHuti9NSM9fVTXLkvSDU4AnhqGQ5N53d";
    private readonly TempDir _temp = new("risk-sources");
    private InProcessApi? _api;
    private HttpClient _http = new();
    private string _omni = "";

    public async Task InitializeAsync()
    {
        var data = _temp.File("data");
        var usdt = SharedData.Path("labels", "ofac-0xB10C", "sanctioned_addresses_USDT.txt");
        _omni = File.ReadLines(usdt).Select(l => l.Trim()).First(l => l.Length > 0 && l[0] == '1');
        await Cli.SanctionBlockStoreAsync(data, SharedData.Path("labels", "graphsense-tagpacks", "packs", "ofac.yaml"), usdt);
        _api = await InProcessApi.StartAsync(data, ApiRole.Exchange);
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
    public async Task GraphSenseOfacPackAlone_MakesTheListedAddressSevereBlock()
    {
        await AssertSevereBlockForSanctionAsync(Sanctioned);
        var chainalysis = await _http.GetFromJsonAsync<JsonElement>($"/api/v1/address/{Sanctioned}");
        Assert.Equal("sanctions", Assert.Single(chainalysis.GetProperty("identifications").EnumerateArray()).GetProperty("category").GetString());
    }

    [Fact]
    public async Task OmniAddressOnTheUsdtList_ScreensAsSanctionedOnBitcoin()
    {
        await AssertSevereBlockForSanctionAsync(_omni);
        var entity = await _http.GetFromJsonAsync<JsonElement>($"/api/risk/v2/entities/{_omni}");
        Assert.Equal("Severe", entity.GetProperty("risk").GetString());
    }

    private async Task AssertSevereBlockForSanctionAsync(string address)
    {
        var risk = await _http.GetFromJsonAsync<JsonElement>($"/v1/addresses/btc/{address}/risk");
        Assert.Equal(("severe", "block"), (risk.GetProperty("level").GetString(), risk.GetProperty("decision").GetString()));
        Assert.Equal("sanction", risk.GetProperty("reasons")[0].GetProperty("category").GetString());
    }
}
