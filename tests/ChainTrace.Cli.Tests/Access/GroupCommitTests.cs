using System.Net;
using ChainTrace.Api;
using ChainTrace.Core.Access;
using ChainTrace.Core.Ports;
using ChainTrace.Storage.Sqlite;
using ChainTrace.Storage.Sqlite.AppState;
using ChainTrace.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChainTrace.Cli.Tests.Access;

/// <summary>
/// The ordering the SIGKILL test relies on, made deterministic: no answer leaves before its audit entry is committed,
/// and when the entry cannot be written the request fails instead of being answered unaudited.
/// </summary>
[Trait("Category", "Integration")]
public sealed class GroupCommitTests : IAsyncLifetime
{
    private readonly TempDir _temp = new("group-commit");
    private SqliteGraphStore? _graph;
    private SqliteAppStateStore? _appState;
    private GatedAuditLog? _log;
    private WebApplication? _app;
    private string _key = "";

    public async Task InitializeAsync()
    {
        _graph = await SqliteGraphStore.OpenAsync(_temp.File("graph.db"), CancellationToken.None);
        _appState = await SqliteAppStateStore.OpenAsync(_temp.File("appstate.db"), CancellationToken.None);
        _key = (await ApiKeyIssuer.IssueAsync(_appState, "investigator", ApiRole.Investigator, null, DateTimeOffset.UtcNow, CancellationToken.None))!.Text;
        _log = new GatedAuditLog(_appState);
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Services.AddSingleton<IUtxoGraphStore>(_graph);
        builder.Services.AddSingleton<IAccountGraphStore>(_graph);
        builder.Services.AddSingleton<IChainProgressStore>(_graph);
        builder.Services.AddSingleton<IApiKeyStore>(_appState);
        builder.Services.AddSingleton<IAuditLog>(_log);
        builder.Services.AddChainTraceApi();
        _app = builder.Build();
        _app.MapChainTraceApi();
        await _app.StartAsync();
    }

    public async Task DisposeAsync()
    {
        _log?.Open();
        if (_app is not null)
        {
            await _app.StopAsync();
            await _app.DisposeAsync();
        }

        if (_appState is not null)
        {
            await _appState.DisposeAsync();
        }

        if (_graph is not null)
        {
            await _graph.DisposeAsync();
        }

        _temp.Dispose();
    }

    [Fact]
    public async Task Response_WaitsForTheCommitOfItsEntry()
    {
        using var http = Client();
        var pending = http.GetAsync("/v1/transactions/btc/" + new string('a', 64));

        for (var wait = 0; wait < 200 && _log!.Appends == 0; wait++)
        {
            await Task.Delay(50);
        }

        Assert.Equal(1, _log!.Appends);
        await Task.Delay(TimeSpan.FromMilliseconds(300));
        Assert.False(pending.IsCompleted, "the answer left before its audit entry was committed");

        _log.Open();
        using var response = await pending;
        Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
        var entry = Assert.Single((await _appState!.QueryAsync(new AuditQuery(), CancellationToken.None)).Entries);
        Assert.Equal("tx:btc:" + new string('a', 64), entry.Event.Subject);
    }

    [Fact]
    public async Task FailedAppend_FailsTheRequest_InsteadOfAnsweringUnaudited()
    {
        using var http = Client();
        _log!.Fail = true;
        _log.Open();

        using var response = await http.GetAsync("/v1/transactions/btc/" + new string('b', 64));

        Assert.Equal(HttpStatusCode.InternalServerError, response.StatusCode);
        Assert.Empty((await _appState!.QueryAsync(new AuditQuery(), CancellationToken.None)).Entries);
    }

    [Fact]
    public async Task Batch_IsNotHeldBack_ByARequestStillBeingAnswered()
    {
        // A slow audited request in flight (a long trace): the writer may wait a few rounds for it to join the
        // batch, but must write the others' entries without it.
        var batcher = _app!.Services.GetRequiredService<ChainTrace.Api.Audit.AuditBatcher>();
        batcher.Enter();
        _log!.Open();
        using var http = Client();
        try
        {
            using var response = await http.GetAsync("/v1/transactions/btc/" + new string('c', 64)).WaitAsync(TimeSpan.FromSeconds(20));
            Assert.Equal(HttpStatusCode.NotFound, response.StatusCode);
            Assert.Single((await _appState!.QueryAsync(new AuditQuery(), CancellationToken.None)).Entries);
            Assert.Equal((1L, 1L), batcher.Written);
        }
        finally
        {
            batcher.Leave();
        }
    }

    private HttpClient Client()
    {
        var http = new HttpClient { BaseAddress = new Uri(_app!.Urls.First()) };
        http.DefaultRequestHeaders.Add("X-Api-Key", _key);
        return http;
    }
}
