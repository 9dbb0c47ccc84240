using ChainTrace.Core.Ports;
using ChainTrace.Jobs.Hosting;
using ChainTrace.Jobs.Settings;
using ChainTrace.Storage.Sqlite;
using Hangfire;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChainTrace.Jobs.Tests;

/// <summary>
/// A <c>--role worker</c> composition in this process: the jobs module as <c>serve</c> registers it (Hangfire server,
/// SQLite job storage <c>DATA/jobs.db</c>) over a real SQLite graph store, with no recurring jobs: the test enqueues.
/// </summary>
internal sealed class InProcessWorker : IAsyncDisposable
{
    private readonly IHost _host;

    private InProcessWorker(IHost host, SqliteGraphStore store)
    {
        _host = host;
        Store = store;
    }

    public SqliteGraphStore Store { get; }

    public IBackgroundJobClient Jobs => _host.Services.GetRequiredService<IBackgroundJobClient>();

    public JobStorage Storage => _host.Services.GetRequiredService<JobStorage>();

    public static async Task<InProcessWorker> StartAsync(string data, Uri ethRpc)
    {
        Directory.CreateDirectory(data);
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(new Dictionary<string, string?>
        {
            ["Sources:Eth:Rpc"] = ethRpc.ToString(),
            ["Sources:Eth:Network"] = "regtest",
        }).Build();
        var store = await SqliteGraphStore.OpenAsync(Path.Combine(data, "graph.db"), CancellationToken.None);
        var builder = Host.CreateApplicationBuilder(new HostApplicationBuilderSettings { DisableDefaults = true });
        builder.Services.AddLogging();
        builder.Services.AddSingleton<IAccountGraphStore>(store);
        builder.Services.AddSingleton<IUtxoGraphStore>(store);
        builder.Services.AddSingleton<IChainProgressStore>(store);
        builder.Services.AddChainTraceJobs(JobsSettings.Load(configuration), ServeRole.Worker, data);
        var host = builder.Build();
        await host.StartAsync();
        return new InProcessWorker(host, store);
    }

    public async ValueTask DisposeAsync()
    {
        await _host.StopAsync();
        _host.Dispose();
        await Store.DisposeAsync();
    }
}
