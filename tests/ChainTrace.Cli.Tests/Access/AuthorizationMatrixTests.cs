using System.Net.Http.Json;
using System.Text.Json;
using ChainTrace.Api.Access;
using ChainTrace.Core.Access;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace ChainTrace.Cli.Tests.Access;

/// <summary>
/// Every endpoint the app maps (read from its endpoint data sources, not from a list kept here) × every
/// <see cref="Caller"/>, against the table below. An endpoint added without a declared policy, or without a row
/// here, fails this test; a row for an endpoint that no longer exists fails it too.
/// </summary>
[Trait("Category", "Integration")]
public sealed class AuthorizationMatrixTests : IAsyncLifetime
{
    private const string Payee = "1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3";
    private const string Block170Tx = "f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16";

    /// <summary>
    /// One row per "METHOD route-pattern": the policy it must declare, a concrete request, and the status a caller
    /// the policy admits gets. Callers it does not admit get 403; unknown, revoked and expired keys and no key get 401.
    /// HEAD requests (when a GET endpoint also answers HEAD) use the GET row. Add a row when adding an endpoint.
    /// </summary>
    private static readonly Dictionary<string, Row> Table = new()
    {
        ["GET /health"] = new(AccessPolicy.Public, "/health", 200),
        ["GET /health/live"] = new(AccessPolicy.Public, "/health/live", 200),
        ["GET /metrics"] = new(AccessPolicy.Admin, "/metrics", 200),
        ["GET /openapi/{documentName}.json"] = new(AccessPolicy.Public, "/openapi/v1.json", 200),
        ["GET /scalar/{documentName?}"] = new(AccessPolicy.Public, "/scalar/v1", 200),
        ["GET /scalar/scalar.js"] = new(AccessPolicy.Public, "/scalar/scalar.js", 200),
        ["GET /scalar/scalar.aspnetcore.js"] = new(AccessPolicy.Public, "/scalar/scalar.aspnetcore.js", 200),
        ["GET /scalar/favicon.svg"] = new(AccessPolicy.Public, "/scalar/favicon.svg", 200),
        ["GET /v1/addresses/{chain}/{address}"] = new(AccessPolicy.Read, $"/v1/addresses/btc/{Payee}", 200),
        ["GET /v1/addresses/{chain}/{address}/neighbours"] = new(AccessPolicy.Read, $"/v1/addresses/btc/{Payee}/neighbours?direction=in", 200),
        ["GET /v1/transactions/{chain}/{id}"] = new(AccessPolicy.Read, $"/v1/transactions/btc/{Block170Tx}", 200),
        ["GET /v1/addresses/{chain}/{address}/labels"] = new(AccessPolicy.Read, $"/v1/addresses/btc/{Payee}/labels", 200),
        ["GET /v1/labels"] = new(AccessPolicy.Read, "/v1/labels?limit=5", 200),
        ["GET /v1/addresses/{chain}/{address}/cluster"] = new(AccessPolicy.Read, $"/v1/addresses/btc/{Payee}/cluster", 200),
        ["GET /v1/clusters/{chain}/{id}"] = new(AccessPolicy.Read, "/v1/clusters/btc/0", 200),
        ["GET /v1/clusters/{chain}/{id}/addresses"] = new(AccessPolicy.Read, "/v1/clusters/btc/0/addresses?limit=5", 200),
        ["GET /v1/clusters/{chain}/{id}/links"] = new(AccessPolicy.Read, "/v1/clusters/btc/0/links?limit=5", 200),
        ["POST /v1/traces/"] = new(AccessPolicy.Read, "/v1/traces", 201, new { chain = "btc", start = Payee, direction = "backward" }),
        ["GET /v1/traces/{id}"] = new(AccessPolicy.Read, "/v1/traces/0123456789abcdef0123456789abcdef", 404),
        ["GET /v1/paths"] = new(AccessPolicy.Read, $"/v1/paths?chain=btc&from={Payee}&to={Payee}&hops=2", 200),
        ["GET /v1/trends"] = new(AccessPolicy.Read, "/v1/trends?chain=btc&bucket=week", 200),
        ["POST /v1/labels/import"] = new(AccessPolicy.Admin, "/v1/labels/import", 400, new { }),
        ["GET /v1/keys/"] = new(AccessPolicy.Admin, "/v1/keys", 200),
        ["POST /v1/keys/"] = new(AccessPolicy.Admin, "/v1/keys", 201, new { name = "matrix-created", role = "investigator" }),
        ["DELETE /v1/keys/{name}"] = new(AccessPolicy.Admin, "/v1/keys/matrix-victim", 204),
        ["GET /v1/audit"] = new(AccessPolicy.Admin, "/v1/audit?limit=5", 200),
        ["POST /v1/jobs/{name}"] = new(AccessPolicy.Admin, "/v1/jobs/rescan-watchlists", 202),
        ["POST /v1/watchlists"] = new(AccessPolicy.Read, "/v1/watchlists", 201, new { name = "matrix", chain = "btc", subjects = new[] { Payee }, rules = new[] { new { kind = "outgoing" } } }),
        ["GET /v1/watchlists/{id}/deliveries"] = new(AccessPolicy.Read, "/v1/watchlists/wl_none/deliveries", 404),
        ["GET /v1/alerts"] = new(AccessPolicy.Read, "/v1/alerts", 200),
        ["GET /v1/watchlists"] = new(AccessPolicy.Read, "/v1/watchlists", 200),
        ["POST /v1/cases"] = new(AccessPolicy.Read, "/v1/cases", 201, new { title = "matrix" }),
        ["GET /v1/cases"] = new(AccessPolicy.Read, "/v1/cases", 200),
        ["GET /v1/cases/{id}"] = new(AccessPolicy.Read, "/v1/cases/case_none", 404),
        ["PATCH /v1/cases/{id}"] = new(AccessPolicy.Read, "/v1/cases/case_none", 404, new { title = "renamed" }),
        ["DELETE /v1/cases/{id}"] = new(AccessPolicy.Read, "/v1/cases/case_none", 404),
        ["POST /v1/cases/{id}/notes"] = new(AccessPolicy.Read, "/v1/cases/case_none/notes", 404, new { text = "a note" }),
        ["POST /v1/cases/{id}/pins"] = new(AccessPolicy.Read, "/v1/cases/case_none/pins", 404, new { kind = "address", chain = "btc", subject = Payee }),
        ["DELETE /v1/cases/{id}/pins/{pin}"] = new(AccessPolicy.Read, "/v1/cases/case_none/pins/1", 404),
        ["GET /v1/cases/{id}/history"] = new(AccessPolicy.Read, "/v1/cases/case_none/history", 404),
        ["GET /v1/cases/{id}/export"] = new(AccessPolicy.Read, "/v1/cases/case_none/export?format=report", 404),
        ["GET /jobs/{**path}"] = new(AccessPolicy.Admin, "/jobs", 200),
        ["POST /jobs/{**path}"] = new(AccessPolicy.Admin, "/jobs/stats", 200, Form: ["metrics[]=servers:count"]),
        ["GET /v1/addresses/{chain}/{address}/risk"] = new(AccessPolicy.Screening, $"/v1/addresses/btc/{Payee}/risk", 200),
        ["POST /v1/screenings"] = new(AccessPolicy.Screening, "/v1/screenings", 200, new { items = new[] { new { chain = "btc", address = Payee } } }),
        ["GET /api/v1/address/{address}"] = new(AccessPolicy.Screening, $"/api/v1/address/{Payee}", 200),
        ["GET /api/risk/v2/entities/{address}"] = new(AccessPolicy.Screening, $"/api/risk/v2/entities/{Payee}", 200),
    };

    private AccessHost? _host;

    public async Task InitializeAsync() => _host = await AccessHost.StartAsync("matrix");

    public async Task DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }

    [Fact]
    public async Task EveryEndpoint_AnswersEveryCaller_AsTheTableSays()
    {
        var endpoints = MappedEndpoints();
        var failures = new List<string>();
        foreach (var stale in Table.Keys.Except(endpoints.Select(e => e.Key).Select(GetRowKey)))
        {
            failures.Add($"table row '{stale}' names no mapped endpoint");
        }

        foreach (var (key, declared) in endpoints)
        {
            if (!Table.TryGetValue(GetRowKey(key), out var row))
            {
                failures.Add($"endpoint '{key}' has no row in the matrix table (declared policy: {declared?.Policy ?? "none"})");
                continue;
            }

            if (declared?.Policy != row.Policy)
            {
                failures.Add($"endpoint '{key}' declares policy '{declared?.Policy ?? "none"}', the table says '{row.Policy}'");
                continue;
            }

            var method = key[..key.IndexOf(' ', StringComparison.Ordinal)];
            foreach (var caller in Enum.GetValues<Caller>())
            {
                var expected = Expected(row, caller);
                using var http = _host!.Client(caller);
                using var request = new HttpRequestMessage(new HttpMethod(method), row.Path);
                if (row.Body is not null)
                {
                    request.Content = JsonContent.Create(row.Body);
                }
                else if (row.Form is not null)
                {
                    request.Content = new FormUrlEncodedContent(row.Form.Select(f => f.Split('=', 2)).Select(f => KeyValuePair.Create(f[0], f[1])));
                }

                using var response = await http.SendAsync(request);
                var status = (int)response.StatusCode;
                if (status != expected)
                {
                    failures.Add($"{key} as {caller}: {status}, expected {expected}");
                    continue;
                }

                if (status is 401 or 403 && method != "HEAD")
                {
                    var problem = await response.Content.ReadFromJsonAsync<JsonElement>();
                    var code = problem.GetProperty("code").GetString();
                    if (code != (status == 401 ? "unauthorized" : "forbidden"))
                    {
                        failures.Add($"{key} as {caller}: {status} with code '{code}'");
                    }
                }
            }
        }

        Assert.True(failures.Count == 0, string.Join('\n', failures));
    }

    [Fact]
    public async Task EveryNonPublicOperation_DeclaresTheKeySchemeAndItsRoles_InTheOpenApiDocument()
    {
        using var http = _host!.Client(Caller.NoKey);
        using var document = JsonDocument.Parse(await http.GetStringAsync("/openapi/v1.json"));
        var schemes = document.RootElement.GetProperty("components").GetProperty("securitySchemes");
        Assert.Equal("X-Api-Key", schemes.GetProperty("ApiKey").GetProperty("name").GetString());
        var operations = document.RootElement.GetProperty("paths").EnumerateObject()
            .SelectMany(path => path.Value.EnumerateObject())
            .Where(op => op.Value.TryGetProperty("operationId", out _))
            .ToDictionary(op => op.Value.GetProperty("operationId").GetString()!, op => op.Value);

        var checkedCount = 0;
        foreach (var endpoint in _host.App!.Services.GetRequiredService<EndpointDataSource>().Endpoints)
        {
            var access = endpoint.Metadata.GetMetadata<AccessMetadata>();
            if (endpoint.Metadata.GetMetadata<IEndpointNameMetadata>()?.EndpointName is not { } name || access is null || access.Policy == AccessPolicy.Public)
            {
                continue;
            }

            var operation = operations[name];
            Assert.Equal(access.RoleCodes, operation.GetProperty("x-roles").EnumerateArray().Select(r => r.GetString()));
            Assert.Contains(operation.GetProperty("security").EnumerateArray(), requirement => requirement.TryGetProperty("ApiKey", out _));
            checkedCount++;
        }

        Assert.True(checkedCount >= 6, $"only {checkedCount} operations checked");
    }

    private static int Expected(Row row, Caller caller)
    {
        if (row.Policy == AccessPolicy.Public)
        {
            return row.Status;
        }

        var role = caller switch
        {
            Caller.Exchange => ApiRole.Exchange,
            Caller.Investigator => ApiRole.Investigator,
            Caller.Admin => ApiRole.Admin,
            _ => (ApiRole?)null,
        };
        return role is null ? 401 : AccessPolicy.RolesOf(row.Policy).Contains(role.Value) ? row.Status : 403;
    }

    private static string GetRowKey(string key) => key.StartsWith("HEAD ", StringComparison.Ordinal) ? "GET " + key[5..] : key;

    private List<(string Key, AccessMetadata? Declared)> MappedEndpoints()
    {
        var endpoints = new List<(string, AccessMetadata?)>();
        foreach (var endpoint in _host!.App!.Services.GetRequiredService<EndpointDataSource>().Endpoints.OfType<RouteEndpoint>())
        {
            var methods = endpoint.Metadata.GetMetadata<IHttpMethodMetadata>()?.HttpMethods ?? ["*"];
            foreach (var method in methods)
            {
                endpoints.Add(($"{method} {endpoint.RoutePattern.RawText}", endpoint.Metadata.GetMetadata<AccessMetadata>()));
            }
        }

        return endpoints;
    }

    private sealed record Row(string Policy, string Path, int Status, object? Body = null, string[]? Form = null);
}
