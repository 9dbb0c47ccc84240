using System.Net;
using System.Net.Http.Headers;
using System.Text.Json;
using ChainTrace.Core.Access;
using ChainTrace.TestSupport;
using ChainTrace.TestSupport.Api;

namespace ChainTrace.Cli.Tests;

/// <summary>The label endpoints of the real service on a free port, over labels imported from the shared files.</summary>
[Trait("Category", "Integration")]
public sealed class LabelApiTests : IAsyncLifetime
{
    private readonly TempDir _temp = new("label-api");
    private InProcessApi? _api;
    private HttpClient _http = new();

    public async Task InitializeAsync()
    {
        var data = _temp.File("data");
        var import = await CliRunner.RunAsync(
            "labels", "import", "--on-error", "skip", "--data", data,
            SharedData.Path("labels", "ofac-0xB10C", "sanctioned_addresses_XBT.txt"),
            SharedData.Path("labels", "graphsense-tagpacks", "packs", "richest_addresses.yaml"),
            SharedData.Path("labels", "graphsense-tagpacks", "packs", "exchange-wallets-huobi.yaml"),
            SharedData.Path("labels", "graphsense-tagpacks", "packs", "blender_io.yaml"),
            SharedData.Path("labels", "graphsense-tagpacks", "actors", "graphsense.actorpack.yaml"));
        Assert.Equal(0, import.ExitCode);
        _api = await InProcessApi.StartAsync(data, ApiRole.Admin);
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
    public async Task AddressLabels_ListEverySourcesLabel_ViaAddress()
    {
        using var json = JsonDocument.Parse(await _http.GetStringAsync("/v1/addresses/btc/1J29zwZCRJafLCh3NHY7T11Sc2bLpDfKsq/labels"));

        var label = Assert.Single(json.RootElement.GetProperty("labels").EnumerateArray());
        Assert.False(json.RootElement.GetProperty("conflicting").GetBoolean());
        Assert.Equal("address", label.GetProperty("via").GetString());
        Assert.Equal("exchange", label.GetProperty("category").GetString());
        Assert.Equal("Huobi", label.GetProperty("actor").GetProperty("name").GetString());
        Assert.Equal("tagpack:richest_addresses.yaml", label.GetProperty("pack").GetString());
        Assert.True(label.GetProperty("clusterDefiner").GetBoolean());
    }

    [Fact]
    public async Task AddressLabels_WhenSourcesDisagree_ListThemAll_AndSaySo()
    {
        using var json = JsonDocument.Parse(await _http.GetStringAsync("/v1/addresses/btc/3F6bbvS1krsc1qR8FsbTDfYQyvkMm3QvmR/labels"));

        Assert.True(json.RootElement.GetProperty("conflicting").GetBoolean());
        Assert.Equal(["sanction", "mixing_service"], json.RootElement.GetProperty("categories").EnumerateArray().Select(c => c.GetString()));
        Assert.Equal(2, json.RootElement.GetProperty("labels").GetArrayLength());
    }

    [Fact]
    public async Task OpenApi_DescribesTheLabelEndpoints()
    {
        var document = await _http.GetStringAsync("/openapi/v1.json");

        Assert.Contains("/v1/addresses/{chain}/{address}/labels", document, StringComparison.Ordinal);
        Assert.Contains("/v1/labels/import", document, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddressLabels_OfAnUnlabelledAddress_IsAnEmptyList()
    {
        var response = await _http.GetAsync("/v1/addresses/eth/0x0000000000000000000000000000000000000001/labels");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(0, json.RootElement.GetProperty("labels").GetArrayLength());
    }

    [Theory]
    [InlineData("/v1/addresses/btc/1J29zwZCRJafLCh3NHY7T11Sc2bLpDfKsr/labels", "invalid-address")]
    [InlineData("/v1/addresses/doge/DH5yaieqoZN36fDVciNyRueRGvGLR3mr7L/labels", "unknown-chain")]
    [InlineData("/v1/labels?category=pirates", "unknown-category")]
    [InlineData("/v1/labels?cursor=bm90LWEtY3Vyc29y", "invalid-cursor")]
    [InlineData("/v1/labels?limit=0", "invalid-parameter")]
    public async Task BadInput_Is400_WithACode(string url, string code)
    {
        var response = await _http.GetAsync(url);
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.BadRequest, response.StatusCode);
        Assert.Equal(code, json.RootElement.GetProperty("code").GetString());
    }

    [Fact]
    public async Task LabelList_PagesWithTheCursor_ThroughEverySanctionLabel()
    {
        var expected = File.ReadLines(SharedData.Path("labels", "ofac-0xB10C", "sanctioned_addresses_XBT.txt")).Count(l => l.Trim().Length > 0) - 1;
        var seen = new HashSet<long>();
        string? cursor = null;
        do
        {
            using var json = JsonDocument.Parse(await _http.GetStringAsync($"/v1/labels?chain=btc&category=sanction&limit=100{(cursor is null ? "" : "&cursor=" + cursor)}"));
            foreach (var item in json.RootElement.GetProperty("items").EnumerateArray())
            {
                Assert.Equal("sanction", item.GetProperty("category").GetString());
                Assert.True(seen.Add(item.GetProperty("id").GetInt64()));
            }

            cursor = json.RootElement.GetProperty("nextCursor").GetString();
        }
        while (cursor is not null);

        Assert.Equal(expected, seen.Count);
    }

    [Fact]
    public async Task Import_RejectsAFileWithABadLine_With422AndTheLine_SkipImportsTheRest()
    {
        // The real list plus one mistyped address (a flipped last character breaks the Base58Check checksum).
        var real = await File.ReadAllTextAsync(SharedData.Path("labels", "ofac-0xB10C", "sanctioned_addresses_XBT.txt"));
        var lines = real.TrimEnd('\n').Split('\n').Length;
        var bytes = System.Text.Encoding.UTF8.GetBytes(real.TrimEnd('\n') + "\n1NpHuti9NSM9fVTXLkvSDU4AnhqGQ5N53e\n");

        using var rejected = await PostAsync(bytes, null);
        using var rejectedJson = JsonDocument.Parse(await rejected.Content.ReadAsStringAsync());
        using var skipped = await PostAsync(bytes, "skip");
        using var skippedJson = JsonDocument.Parse(await skipped.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.UnprocessableEntity, rejected.StatusCode);
        Assert.Equal("label-file-rejected", rejectedJson.RootElement.GetProperty("code").GetString());
        var error = rejectedJson.RootElement.GetProperty("result").GetProperty("errors")[0];
        Assert.Equal(("sanctioned_addresses_XBT.txt", lines + 1), (error.GetProperty("file").GetString(), error.GetProperty("line").GetInt32()));
        Assert.Equal(HttpStatusCode.OK, skipped.StatusCode);
        Assert.StartsWith("imported 434 labels (434 addresses, 0 clusters), skipped 1 (TRX: 1), errors 1", skippedJson.RootElement.GetProperty("summary").GetString(), StringComparison.Ordinal);
    }

    private async Task<HttpResponseMessage> PostAsync(byte[] file, string? onError)
    {
        using var form = new MultipartFormDataContent();
        var part = new ByteArrayContent(file);
        part.Headers.ContentType = new MediaTypeHeaderValue("text/plain");
        form.Add(part, "files", "sanctioned_addresses_XBT.txt");
        if (onError is not null)
        {
            form.Add(new StringContent(onError), "onError");
        }

        return await _http.PostAsync("/v1/labels/import", form);
    }
}
