using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChainTrace.Api;
using ChainTrace.Cli.Tests.Access;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace ChainTrace.Cli.Tests;

/// <summary>The real service on a real port over a store holding the mainnet blocks 0–599, called with an investigator key.</summary>
[Trait("Category", "Integration")]
public sealed class ApiTests : IAsyncLifetime
{
    private AccessHost? _host;
    private HttpClient _http = new();

    public async Task InitializeAsync()
    {
        _host = await AccessHost.StartAsync("api");
        _http = _host.Client(Caller.Investigator);
    }

    public async Task DisposeAsync()
    {
        _http.Dispose();
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task Health_ReportsDataHeight()
    {
        using var json = JsonDocument.Parse(await _http.GetStringAsync("/health"));

        Assert.Equal("ok", json.RootElement.GetProperty("status").GetString());
        Assert.Equal(599, json.RootElement.GetProperty("chains").GetProperty("btc").GetProperty("height").GetInt64());
    }

    [Fact]
    public async Task Address_Block170Payee_Received10Btc()
    {
        var response = await _http.GetAsync("/v1/addresses/btc/1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3");
        using var json = JsonDocument.Parse(await response.Content.ReadAsStringAsync());

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal(170, json.RootElement.GetProperty("firstSeen").GetProperty("height").GetInt64());
        Assert.Equal("1000000000", json.RootElement.GetProperty("totals")[0].GetProperty("received").GetString());
    }

    [Fact]
    public async Task Transaction_Block170_ListsInputsAndOutputs()
    {
        using var json = JsonDocument.Parse(await _http.GetStringAsync("/v1/transactions/btc/f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16"));
        var root = json.RootElement;

        Assert.Equal("00000000d1145790a8694403d4063f323d499e655c83426834d4ce2f8dd4a2ee", root.GetProperty("block").GetProperty("hash").GetString());
        Assert.Equal(1, root.GetProperty("inputs").GetArrayLength());
        Assert.Equal(2, root.GetProperty("outputs").GetArrayLength());
    }

    [Fact]
    public async Task Neighbours_OfBlock170Payer_IncludeThePayee()
    {
        // 12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S paid 10 BTC to 1Q2TWHE3… in block 170 (and kept 40 BTC as change).
        using var json = JsonDocument.Parse(await _http.GetStringAsync("/v1/addresses/btc/12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S/neighbours?direction=out"));
        var payee = json.RootElement.GetProperty("neighbours").EnumerateArray()
            .Single(n => n.GetProperty("address").GetString() == "1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3");

        Assert.Equal("1000000000", payee.GetProperty("value").GetString());
        Assert.Equal(1, payee.GetProperty("txCount").GetInt32());
    }

    [Theory]
    [InlineData("/v1/addresses/btc/12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S/neighbours?direction=sideways", 400, "invalid-parameter")]
    [InlineData("/v1/addresses/btc/12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S/neighbours?limit=0", 400, "invalid-parameter")]
    [InlineData("/v1/addresses/btc/1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", 400, "invalid-address")]
    [InlineData("/v1/addresses/btc/not-an-address", 400, "invalid-address")]
    [InlineData("/v1/addresses/btc/bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t5", 400, "invalid-address")]
    [InlineData("/v1/addresses/xrp/rHb9CJAWyB4rj91VRWn96DkukG4bwdtyTh", 400, "unknown-chain")]
    [InlineData("/v1/addresses/btc/1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2", 404, "not-found")]
    [InlineData("/v1/transactions/btc/f4184fc5", 400, "invalid-hash")]
    [InlineData("/v1/transactions/btc/0000000000000000000000000000000000000000000000000000000000000000", 404, "not-found")]
    [InlineData("/v1/transactions/ltc/f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16", 400, "unknown-chain")]
    [InlineData("/v1/nothing-here", 404, "not-found")]
    [InlineData("/v1/addresses/btc/1BvBMSEYstWetqTFn5Au4m4GFg7xJaNVN2/neighbours?direction=in", 404, "not-found")]
    [InlineData("/v1/addresses/btc/12cbQLTFMXRnSzktFkuoG3eHoMeFtpTu3S/neighbours?cursor=not-a-cursor", 400, "invalid-parameter")]
    public async Task BadInput_GetsProblemDetailsWithStableCode_NeverA500(string path, int status, string code)
    {
        var response = await _http.GetAsync(path);
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(status, (int)response.StatusCode);
        Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
        Assert.Equal(code, problem.GetProperty("code").GetString());
    }

    [Theory]
    [InlineData("/health")]
    [InlineData("/v1/addresses/btc/1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3")]
    [InlineData("/v1/transactions/btc/f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16")]
    public async Task Head_OnAGetEndpoint_AnswersLikeGet_WithoutABody(string path)
    {
        using var get = await _http.GetAsync(path);
        using var head = await _http.SendAsync(new HttpRequestMessage(HttpMethod.Head, path));

        Assert.Equal(HttpStatusCode.OK, head.StatusCode);
        Assert.Equal(get.Content.Headers.ContentType?.MediaType, head.Content.Headers.ContentType?.MediaType);
        Assert.Empty(await head.Content.ReadAsByteArrayAsync());
    }

    [Fact]
    public async Task WrongMethod_Gets405_WithCodeMethodNotAllowed_AndTheAllowedMethods()
    {
        using var response = await _http.PostAsync("/health", new StringContent(""));
        var problem = await response.Content.ReadFromJsonAsync<JsonElement>();

        Assert.Equal(HttpStatusCode.MethodNotAllowed, response.StatusCode);
        Assert.Equal("method-not-allowed", problem.GetProperty("code").GetString());
        Assert.Contains("GET", response.Content.Headers.Allow);
    }

    [Fact]
    public void RequestLogging_DefaultsToWarning_AndLaterConfigurationOverridesIt()
    {
        var logger = _host!.App!.Services.GetRequiredService<ILoggerFactory>().CreateLogger("Microsoft.AspNetCore.Hosting.Diagnostics");
        Assert.False(logger.IsEnabled(LogLevel.Information));
        Assert.True(logger.IsEnabled(LogLevel.Warning));

        var configuration = new ConfigurationBuilder()
            .AddRequestLoggingDefault()
            .AddInMemoryCollection([new("Logging:LogLevel:Microsoft.AspNetCore", "Information")])
            .Build();
        Assert.Equal("Information", configuration["Logging:LogLevel:Microsoft.AspNetCore"]);
    }

    [Fact]
    public async Task Answers_CarrySecurityHeaders_AndNoCorsUnlessConfigured()
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, "/v1/addresses/btc/1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3");
        request.Headers.Add("Origin", "https://evil.example");
        using var response = await _http.SendAsync(request);
        using var page = await _http.GetAsync("/scalar/v1");

        Assert.Equal("nosniff", response.Headers.GetValues("X-Content-Type-Options").Single());
        Assert.Equal("no-referrer", response.Headers.GetValues("Referrer-Policy").Single());
        Assert.Equal("default-src 'none'; frame-ancestors 'none'", response.Headers.GetValues("Content-Security-Policy").Single());
        Assert.StartsWith("default-src 'self'", page.Headers.GetValues("Content-Security-Policy").Single(), StringComparison.Ordinal);
        Assert.False(response.Headers.Contains("Access-Control-Allow-Origin"));
    }

    [Fact]
    public async Task OversizedBody_Gets413_BeforeAnyHandlerRuns()
    {
        using var admin = _host!.Client(Caller.Admin);
        using var body = new ByteArrayContent(new byte[2 * 1024 * 1024]);
        body.Headers.ContentType = new("application/json");

        using var response = await admin.PostAsync("/v1/keys", body);

        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
        using var upload = new MultipartFormDataContent { { new ByteArrayContent(new byte[2 * 1024 * 1024]), "file", "big.csv" } };
        using var import = await admin.PostAsync("/v1/labels/import", upload);
        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, import.StatusCode);
    }

    [Fact]
    public async Task BodiesThatDoNotBind_OnAuditedEndpoints_GetProblemDetailsWithACode()
    {
        // The audit middleware holds every answer of these endpoints until its entry is committed; a body the
        // framework refuses (not JSON, a value of the wrong type, over the size limit) must still get a problem with
        // a code, as every other error does, not an empty 400/413.
        using var exchange = _host!.Client(Caller.Exchange);
        var cases = new (HttpClient Client, string Path, byte[] Body, HttpStatusCode Status, string Code)[]
        {
            (exchange, "/v1/screenings", "{not json"u8.ToArray(), HttpStatusCode.BadRequest, "bad-request"),
            (exchange, "/v1/screenings", """{"items":{"chain":"btc","address":"1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3"}}"""u8.ToArray(), HttpStatusCode.BadRequest, "bad-request"),
            (exchange, "/v1/screenings", new byte[2 * 1024 * 1024], HttpStatusCode.RequestEntityTooLarge, "body-too-large"),
            (_http, "/v1/traces", "{not json"u8.ToArray(), HttpStatusCode.BadRequest, "bad-request"),
        };
        foreach (var (client, path, bytes, status, code) in cases)
        {
            using var body = new ByteArrayContent(bytes);
            body.Headers.ContentType = new("application/json");
            using var response = await client.PostAsync(path, body);
            var text = await response.Content.ReadAsStringAsync();

            Assert.Equal(status, response.StatusCode);
            Assert.Equal("application/problem+json", response.Content.Headers.ContentType?.MediaType);
            using var problem = JsonDocument.Parse(text);
            Assert.Equal(code, problem.RootElement.GetProperty("code").GetString());
            Assert.Equal((int)status, problem.RootElement.GetProperty("status").GetInt32());
        }
    }

    [Fact]
    public async Task OpenApiDocument_IsServed()
    {
        using var json = JsonDocument.Parse(await _http.GetStringAsync("/openapi/v1.json"));

        Assert.True(json.RootElement.GetProperty("paths").TryGetProperty("/v1/addresses/{chain}/{address}", out _));
    }
}
