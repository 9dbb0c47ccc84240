using System.Net.Http.Json;
using System.Text.Json;
using ChainTrace.Core.Access;
using ChainTrace.TestSupport;
using ChainTrace.TestSupport.Api;
using NBitcoin;

namespace ChainTrace.Risk.Tests;

/// <summary>Real mainnet block 574200 and the real OFAC XBT list (MANIFEST: the block pays the listed 1NpHuti…).</summary>
[Trait("Category", "Integration")]
public sealed class MainnetSanctionTests : IAsyncLifetime
{
    private const string Sanctioned = "1NpHuti9NSM9fVTXLkvSDU4AnhqGQ5N53d";
    private readonly TempDir _temp = new("risk-main");
    private InProcessApi? _api;
    private HttpClient _http = new();

    public async Task InitializeAsync()
    {
        var data = _temp.File("data");

        // The XBT list's one Tron address is skipped with a warning, not an error.
        var imported = await Cli.SanctionBlockStoreAsync(data, SharedData.Path("labels", "ofac-0xB10C", "sanctioned_addresses_XBT.txt"));
        Assert.Contains("skipped 1 (TRX: 1), errors 0", imported, StringComparison.Ordinal);
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
    public async Task OfacListedAddress_ScreensSevereBlock_WithTheSanctionReason()
    {
        var risk = await _http.GetFromJsonAsync<JsonElement>($"/v1/addresses/btc/{Sanctioned}/risk");
        Assert.Equal("severe", risk.GetProperty("level").GetString());
        Assert.Equal("block", risk.GetProperty("decision").GetString());
        Assert.True(risk.GetProperty("seen").GetBoolean());
        Assert.Equal(574200, risk.GetProperty("dataHeight").GetInt64());
        var reason = risk.GetProperty("reasons")[0];
        Assert.Equal("label", reason.GetProperty("code").GetString());
        Assert.Equal("sanction", reason.GetProperty("category").GetString());

        var chainalysis = await _http.GetFromJsonAsync<JsonElement>($"/api/v1/address/{Sanctioned}");
        var id = Assert.Single(chainalysis.GetProperty("identifications").EnumerateArray());
        Assert.Equal("sanctions", id.GetProperty("category").GetString());
        Assert.False(string.IsNullOrEmpty(id.GetProperty("name").GetString()));
        var entity = await _http.GetFromJsonAsync<JsonElement>($"/api/risk/v2/entities/{Sanctioned}");
        Assert.Equal("Severe", entity.GetProperty("risk").GetString());
        Assert.Equal("sanction", entity.GetProperty("cluster").GetProperty("category").GetString());

        // An address on no list: an empty identifications array, not an error.
        var clean = await _http.GetFromJsonAsync<JsonElement>("/api/v1/address/1J29zwZCRJafLCh3NHY7T11Sc2bLpDfKsq");
        Assert.Empty(clean.GetProperty("identifications").EnumerateArray());
    }

    /// <summary>The address a P2PKH, P2WPKH or P2SH-P2WPKH input spends from, from the public key it reveals.</summary>
    private static string? InputAddress(TxIn input)
    {
        if (input.WitScript.PushCount == 2)
        {
            var key = new PubKey(input.WitScript[1]);
            return key.GetAddress(input.ScriptSig.Length > 0 ? ScriptPubKeyType.SegwitP2SH : ScriptPubKeyType.Segwit, Network.Main).ToString();
        }

        var ops = input.ScriptSig.ToOps().ToList();
        return ops.Count == 2 && ops[1].PushData is { Length: 33 or 65 } pk ? new PubKey(pk).GetAddress(ScriptPubKeyType.Legacy, Network.Main).ToString() : null;
    }

    [Fact]
    public async Task AddressesThatPaidIt_ShowDirectOutgoingSanctionedExposure()
    {
        // Independently of our parser: NBitcoin finds the transaction paying the listed address and its input addresses.
        var block = Block.Load(await File.ReadAllBytesAsync(SharedData.Path("bitcoin", "raw", "block_574200.raw")), Network.Main);
        var target = BitcoinAddress.Create(Sanctioned, Network.Main).ScriptPubKey;
        var payers = block.Transactions.Where(t => t.Outputs.Any(o => o.ScriptPubKey == target))
            .SelectMany(t => t.Inputs.Select(InputAddress))
            .OfType<string>().Distinct().ToList();
        Assert.NotEmpty(payers);
        foreach (var payer in payers)
        {
            var risk = await _http.GetFromJsonAsync<JsonElement>($"/v1/addresses/btc/{payer}/risk");
            var exposure = risk.GetProperty("exposures").EnumerateArray().Single(e => e.GetProperty("category").GetString() == "sanction");
            Assert.Equal("outgoing", exposure.GetProperty("direction").GetString());
            Assert.Equal("direct", exposure.GetProperty("type").GetString());
            Assert.True(exposure.GetProperty("share").GetDouble() > 0);
        }
    }
    /// <summary>
    /// A batch body that does not bind (items not a list, truncated JSON) is refused by the framework before
    /// the endpoint runs. The audit middleware held that empty 400 and set Content-Length: 0, so the status-code pages
    /// wrote no problem details: the client got a bare 400 without a code. Now it gets the problem with its code, and
    /// the sanctioned address in a well-formed batch is still blocked.
    /// </summary>
    [Theory]
    [InlineData($$$"""{"items":{"chain":"btc","address":"{{{Sanctioned}}}"}}""")]
    [InlineData($$"""{"items":[{"chain":"btc","address":"{{Sanctioned}}" """)]
    public async Task ScreeningBatch_WithABodyThatDoesNotBind_Answers400ProblemWithACode(string body)
    {
        using var response = await _http.PostAsync("/v1/screenings", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
        Assert.Equal("bad-request", problem.GetProperty("code").GetString());

        var good = await _http.PostAsJsonAsync("/v1/screenings", new { items = new[] { new { chain = "btc", address = Sanctioned, amount = "12" } } });
        var item = (await good.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items")[0];
        Assert.Equal("block", item.GetProperty("risk").GetProperty("decision").GetString());
    }

    /// <summary>
    /// A field of the wrong JSON type is that item's error, and the batch's other items are answered: an amount as a
    /// JSON integer is its base units (read from its exact text, no floating point), a fraction or an object is not.
    /// </summary>
    [Fact]
    public async Task ScreeningBatch_MistypedFields_AreThatItemsError_TheOthersAnswered()
    {
        var body = $$$"""
            {"items":[
              {"chain":"btc","address":"{{{Sanctioned}}}","amount":123456789012345678901234567890},
              {"chain":"btc","address":"{{{Sanctioned}}}","amount":12.5},
              {"chain":"btc","address":"{{{Sanctioned}}}","direction":true},
              {"chain":"btc","address":{"x":1}},
              {"chain":7,"address":"{{{Sanctioned}}}"},
              {"chain":"btc","address":"{{{Sanctioned}}}","amount":"12"}
            ]}
            """;
        using var response = await _http.PostAsync("/v1/screenings", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(6, items.Count);
        Assert.Equal("block", items[0].GetProperty("risk").GetProperty("decision").GetString());
        Assert.Equal("123456789012345678901234567890", items[0].GetProperty("amount").GetString());
        Assert.Equal(["invalid-parameter", "invalid-parameter", "invalid-address", "unknown-chain"], items.Skip(1).Take(4).Select(i => i.GetProperty("error").GetProperty("code").GetString()!).ToArray());
        Assert.Contains("amount", items[1].GetProperty("error").GetProperty("detail").GetString(), StringComparison.Ordinal);
        Assert.Equal("block", items[5].GetProperty("risk").GetProperty("decision").GetString());
    }

    /// <summary>
    /// An item that is not an object (a number, a string, null, an array) is that item's error: it failed the binding
    /// of the whole body before (a 400 for every item, the sanctioned one unanswered).
    /// </summary>
    [Fact]
    public async Task ScreeningBatch_ItemsThatAreNotObjects_AreTheirOwnErrors_TheOthersAnswered()
    {
        var body = $$$"""{"items":[7,"{{{Sanctioned}}}",null,[{"chain":"btc"}],{"chain":"btc","address":"{{{Sanctioned}}}"},true]}""";
        using var response = await _http.PostAsync("/v1/screenings", new StringContent(body, System.Text.Encoding.UTF8, "application/json"));

        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var items = (await response.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("items").EnumerateArray().ToList();
        Assert.Equal(6, items.Count);
        foreach (var index in new[] { 0, 1, 2, 3, 5 })
        {
            Assert.Equal("invalid-parameter", items[index].GetProperty("error").GetProperty("code").GetString());
        }

        Assert.Equal("block", items[4].GetProperty("risk").GetProperty("decision").GetString());
    }

    /// <summary>The OpenAPI document still types a screening's items (read by their own converter) and a v2 exposure's value as an integer.</summary>
    [Fact]
    public async Task OpenApi_TypesScreeningItems_AndTheV2ExposureValue()
    {
        using var document = JsonDocument.Parse(await _http.GetStringAsync("/openapi/v1.json"));
        var schemas = document.RootElement.GetProperty("components").GetProperty("schemas");
        var items = schemas.GetProperty("ScreeningRequest").GetProperty("properties").GetProperty("items");
        Assert.Contains("array", items.GetProperty("type").ToString(), StringComparison.Ordinal);
        Assert.Equal("#/components/schemas/ScreeningItem", items.GetProperty("items").GetProperty("$ref").GetString());
        Assert.Equal("string", schemas.GetProperty("ScreeningItem").GetProperty("properties").GetProperty("address").GetProperty("type").GetString());
        Assert.Contains("integer", schemas.GetProperty("EntityExposure").GetProperty("properties").GetProperty("value").GetProperty("type").ToString(), StringComparison.Ordinal);
    }
}
