using ChainTrace.Cli.Hosting;
using ChainTrace.Core.Access;
using ChainTrace.Storage.Sqlite;
using ChainTrace.Storage.Sqlite.AppState;
using Microsoft.AspNetCore.Builder;

namespace ChainTrace.TestSupport.Api;

/// <summary>
/// The real service in-process on a free port over a data directory's store and app state, with a client that sends a
/// freshly issued key of one role. Shared by the API test classes (linked into the projects that need it).
/// </summary>
public sealed class InProcessApi : IAsyncDisposable
{
    private InProcessApi(SqliteGraphStore store, SqliteAppStateStore appState, WebApplication app, HttpClient http)
    {
        Store = store;
        AppState = appState;
        App = app;
        Http = http;
    }

    public SqliteGraphStore Store { get; }

    public SqliteAppStateStore AppState { get; }

    public WebApplication App { get; }

    public HttpClient Http { get; }

    public static async Task<InProcessApi> StartAsync(string dataDirectory, ApiRole role)
    {
        var store = await SqliteGraphStore.OpenAsync(Path.Combine(dataDirectory, "graph.db"), CancellationToken.None);
        var appState = await SqliteAppStateStore.OpenAsync(Path.Combine(dataDirectory, "appstate.db"), CancellationToken.None);
        var key = await ApiKeyIssuer.IssueAsync(appState, $"{role}-{Guid.NewGuid():N}".ToLowerInvariant(), role, null, DateTimeOffset.UtcNow, CancellationToken.None);
        var app = ServiceHost.Build(store, appState, "http://127.0.0.1:0");
        await app.StartAsync();
        var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
        http.DefaultRequestHeaders.Add("X-Api-Key", key!.Text);
        return new InProcessApi(store, appState, app, http);
    }

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await App.StopAsync();
        await App.DisposeAsync();
        await AppState.DisposeAsync();
        await Store.DisposeAsync();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
    }
}
