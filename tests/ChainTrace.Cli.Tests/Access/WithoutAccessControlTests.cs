using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using ChainTrace.Cli.Hosting;
using ChainTrace.Storage.Sqlite;
using ChainTrace.Storage.Sqlite.AppState;
using ChainTrace.TestSupport;

namespace ChainTrace.Cli.Tests.Access;

/// <summary>
/// The service composed without access control (the baseline the <c>auth</c> and <c>lookup</c> benchmarks measure
/// against): every endpoint still binds. The audit query once needed the audit batcher, which only access control
/// registers, and every request of the baseline failed with 500 while the benchmarks printed their lines.
/// </summary>
public sealed class WithoutAccessControlTests
{
    [Fact]
    public async Task Lookups_AndTheAuditQuery_AnswerWithoutKeys()
    {
        using var temp = new TempDir("no-access");
        var data = temp.File("data");
        Assert.Equal(0, (await CliRunner.RunAsync("ingest", "btc", "--blocks-dir", MainnetFiles.BlocksDir(temp), "--data", data)).ExitCode);
        await using var store = await SqliteGraphStore.OpenAsync(Path.Combine(data, "graph.db"), CancellationToken.None);
        await using var appState = await SqliteAppStateStore.OpenAsync(Path.Combine(data, "appstate.db"), CancellationToken.None);
        await using var app = ServiceHost.Build(store, appState, "http://127.0.0.1:0", accessControl: false);
        await app.StartAsync();
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var lookup = await http.GetAsync("/v1/addresses/btc/1Q2TWHE3GMdB6BZKafqwxXtWAWgFt5Jvm3");
        var audit = await http.GetAsync("/v1/audit");

        Assert.Equal(HttpStatusCode.OK, lookup.StatusCode);
        Assert.True((await lookup.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("txCount").GetInt64() > 0);
        Assert.Equal(HttpStatusCode.OK, audit.StatusCode);
        Assert.Empty((await audit.Content.ReadFromJsonAsync<JsonElement>()).GetProperty("entries").EnumerateArray());
        await app.StopAsync();
    }
}
