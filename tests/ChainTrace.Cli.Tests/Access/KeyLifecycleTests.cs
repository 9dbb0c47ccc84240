using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using System.Text.Json;

namespace ChainTrace.Cli.Tests.Access;

/// <summary>Keys through their life on the real service: bearer form, created over the API, revoked elsewhere.</summary>
[Trait("Category", "Integration")]
public sealed class KeyLifecycleTests : IAsyncLifetime
{
    private const string Lookup = "/v1/addresses/btc/1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3";
    private AccessHost? _host;

    public async Task InitializeAsync() => _host = await AccessHost.StartAsync("key-life");

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task BearerKey_IsAccepted_LikeTheHeader()
    {
        using var http = _host!.Client(Caller.NoKey);
        http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _host.KeyOf(Caller.Investigator));
        using var wrong = _host.Client(Caller.NoKey);
        wrong.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", _host.KeyOf(Caller.WrongKey));

        Assert.Equal(HttpStatusCode.OK, (await http.GetAsync(Lookup)).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await wrong.GetAsync(Lookup)).StatusCode);
    }

    [Fact]
    public async Task KeyCreatedOverTheApi_Works_AndRevokingItOverTheApi_StopsItAtOnce()
    {
        using var admin = _host!.Client(Caller.Admin);
        using var created = await admin.PostAsJsonAsync("/v1/keys", new { name = "analyst", role = "investigator", expiresAt = DateTimeOffset.UtcNow.AddDays(1) });
        Assert.Equal(HttpStatusCode.Created, created.StatusCode);
        var key = (await created.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("key").GetString();
        using var analyst = _host.Client(Caller.NoKey);
        analyst.DefaultRequestHeaders.Add("X-Api-Key", key);
        Assert.Equal(HttpStatusCode.OK, (await analyst.GetAsync(Lookup)).StatusCode);

        using var duplicate = await admin.PostAsJsonAsync("/v1/keys", new { name = "analyst", role = "admin" });
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal("key-exists", (await duplicate.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("code").GetString());
        var list = await admin.GetFromJsonAsync<JsonElement>("/v1/keys");
        Assert.DoesNotContain(key!, list.GetRawText(), StringComparison.Ordinal);

        Assert.Equal(HttpStatusCode.NoContent, (await admin.DeleteAsync("/v1/keys/analyst")).StatusCode);
        using var refused = await analyst.GetAsync(Lookup);
        Assert.Equal(HttpStatusCode.Unauthorized, refused.StatusCode);
        Assert.Contains("revoked", (await refused.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("detail").GetString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task KeyRevokedByAnotherProcess_StopsWorking_WithinTheCacheTime()
    {
        using var investigator = _host!.Client(Caller.Investigator);
        Assert.Equal(HttpStatusCode.OK, (await investigator.GetAsync(Lookup)).StatusCode);

        // As `chaintrace keys revoke` would: straight into the store, not through this service.
        Assert.True(await _host.AppState!.RevokeAsync("investigator", DateTimeOffset.UtcNow, CancellationToken.None));

        var deadline = DateTime.UtcNow.AddSeconds(10);
        var status = HttpStatusCode.OK;
        while (status == HttpStatusCode.OK && DateTime.UtcNow < deadline)
        {
            await Task.Delay(200);
            status = (await investigator.GetAsync(Lookup)).StatusCode;
        }

        Assert.Equal(HttpStatusCode.Unauthorized, status);
    }
}
