using ChainTrace.Api;
using ChainTrace.Core.Clustering;
using ChainTrace.Core.Labels;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Tracing;
using ChainTrace.Index.Labels;
using ChainTrace.Index.Service;
using ChainTrace.Index.Tracing;
using ChainTrace.Labels;
using ChainTrace.Labels.Storage;
using ChainTrace.Storage.Sqlite;
using ChainTrace.Storage.Sqlite.AppState;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;

namespace ChainTrace.Cli.Hosting;

/// <summary>Composes the service: the embedded store behind the Core ports, and the API on top.</summary>
public static class ServiceHost
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <param name="labels">The label store; by default <c>labels.db</c> beside the graph database.</param>
    /// <param name="clusters">The clusters to answer from; null: the store's data directory's.</param>
    /// <param name="accessControl">false only for the <c>auth</c> benchmark's baseline: no keys, rate limits or audit.</param>
    public static WebApplication Build(SqliteGraphStore store, SqliteAppStateStore appState, string urls, SqliteLabelStore? labels = null, bool accessControl = true, IClusterQueries? clusters = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        labels ??= SqliteLabelStore.OpenAsync(Path.Combine(Path.GetDirectoryName(store.DatabasePath)!, "labels.db"), CancellationToken.None).GetAwaiter().GetResult();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.Configuration.AddRequestLoggingDefault();
        builder.Configuration.AddEnvironmentVariables("CHAINTRACE__");
        builder.WebHost.UseUrls(urls);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton<IUtxoGraphStore>(store);
        builder.Services.AddSingleton<IAccountGraphStore>(store);
        builder.Services.AddSingleton<IChainProgressStore>(store);
        builder.Services.AddSingleton<IApiKeyStore>(appState);
        builder.Services.AddSingleton<IAuditLog>(appState);
#pragma warning disable CA2000 // a singleton of the container, disposed with the app
        var clusterQueries = clusters ?? DataDirectory.Of(store).OpenClusters(store);
#pragma warning restore CA2000
        builder.Services.AddSingleton(clusterQueries);
        if (clusterQueries is ClusterService service)
        {
            builder.Services.AddSingleton<ITraceRunner>(_ => new TraceService(service, labels, new TraceArchive(DataDirectory.Of(store).Path)));
        }

        builder.Services.AddSingleton<IClusterOfAddress>(sp => new ClusterOfAddress(sp.GetRequiredService<IClusterQueries>()));
        builder.Services.AddLabels(labels);
        builder.Services.AddChainTraceApi(accessControl);
        var app = builder.Build();
        app.MapChainTraceApi();
        return app;
    }
}
