using ChainTrace.Cli.Hosting;
using ChainTrace.Core.Access;
using ChainTrace.Jobs.Hosting;
using ChainTrace.Jobs.Settings;
using ChainTrace.Storage.Sqlite;
using ChainTrace.Storage.Sqlite.AppState;
using ChainTrace.TestSupport;
using Microsoft.AspNetCore.Builder;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChainTrace.Cli.Tests.Access;

/// <summary>
/// The real service on a real port over the mainnet blocks 0–599, with one key per <see cref="Caller"/>: the revoked
/// and the expired keys are real rows of the key store, not absent ones.
/// </summary>
public sealed class AccessHost : IAsyncDisposable
{
    private readonly Dictionary<Caller, string?> _keys = [];

    private AccessHost(TempDir temp, string data)
    {
        Temp = temp;
        Data = data;
    }

    public TempDir Temp { get; }

    public string Data { get; }

    public SqliteGraphStore? Store { get; private set; }

    public SqliteAppStateStore? AppState { get; private set; }

    public WebApplication? App { get; private set; }

    public Uri BaseAddress { get; private set; } = null!;

    public static async Task<AccessHost> StartAsync(string name)
    {
        var temp = new TempDir(name);
        var host = new AccessHost(temp, temp.File("data"));
        var ingest = await CliRunner.RunAsync("ingest", "btc", "--blocks-dir", MainnetFiles.BlocksDir(temp), "--data", host.Data);
        Assert.Equal(0, ingest.ExitCode);
        host.Store = await SqliteGraphStore.OpenAsync(Path.Combine(host.Data, "graph.db"), CancellationToken.None);
        host.AppState = await SqliteAppStateStore.OpenAsync(Path.Combine(host.Data, "appstate.db"), CancellationToken.None);
        await host.CreateKeysAsync();
        var configuration = new ConfigurationBuilder().Build();
        var jobs = JobsModule.Create(configuration, JobsSettings.Load(configuration), ServeRole.Api, host.Data);
        host.App = ServiceHost.Build(host.Store, host.AppState, "http://127.0.0.1:0", modules: jobs);
        await host.App.StartAsync();
        host.BaseAddress = new Uri(host.App.Urls.First());
        return host;
    }

    public string? KeyOf(Caller caller) => _keys[caller];

    /// <summary>Waits until every answered request's entry is out of the audit journal and in the log, for tests that read the log's file.</summary>
    public Task FlushAuditAsync() => App!.Services.GetRequiredService<ChainTrace.Api.Audit.AuditBatcher>().FlushAsync(CancellationToken.None);

    public HttpClient Client(Caller caller)
    {
        var http = new HttpClient { BaseAddress = BaseAddress };
        if (_keys[caller] is { } key)
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return http;
    }

    public async ValueTask DisposeAsync()
    {
        if (App is not null)
        {
            await App.StopAsync();
            await App.DisposeAsync();
        }

        if (AppState is not null)
        {
            await AppState.DisposeAsync();
        }

        if (Store is not null)
        {
            await Store.DisposeAsync();
        }

        Temp.Dispose();
    }

    /// <summary>Stops the service and closes both stores, leaving the files for a test to open or edit.</summary>
    public async Task StopAsync()
    {
        await App!.StopAsync();
        await App.DisposeAsync();
        App = null;
        await AppState!.DisposeAsync();
        AppState = null;
    }

    private async Task CreateKeysAsync()
    {
        var now = DateTimeOffset.UtcNow;
        _keys[Caller.NoKey] = null;
        _keys[Caller.WrongKey] = ApiKeySecret.Create("never-stored", ApiRole.Admin, now, null).Text;
        _keys[Caller.Exchange] = (await ApiKeyIssuer.IssueAsync(AppState!, "exchange", ApiRole.Exchange, null, now, CancellationToken.None))!.Text;
        _keys[Caller.Investigator] = (await ApiKeyIssuer.IssueAsync(AppState!, "investigator", ApiRole.Investigator, null, now, CancellationToken.None))!.Text;
        _keys[Caller.Admin] = (await ApiKeyIssuer.IssueAsync(AppState!, "admin", ApiRole.Admin, null, now, CancellationToken.None))!.Text;
        _keys[Caller.Revoked] = (await ApiKeyIssuer.IssueAsync(AppState!, "revoked-admin", ApiRole.Admin, null, now, CancellationToken.None))!.Text;
        Assert.True(await AppState!.RevokeAsync("revoked-admin", now, CancellationToken.None));
        var (expiredText, expired) = ApiKeySecret.Create("expired-admin", ApiRole.Admin, now.AddDays(-2), now.AddDays(-1));
        Assert.True(await AppState!.TryAddAsync(expired, CancellationToken.None));
        _keys[Caller.Expired] = expiredText;
        Assert.NotNull(await ApiKeyIssuer.IssueAsync(AppState!, "matrix-victim", ApiRole.Exchange, null, now, CancellationToken.None));
    }
}
