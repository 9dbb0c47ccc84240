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
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Extensions.DependencyInjection;

namespace ChainTrace.Cli.Hosting;

/// <summary>Composes the service: the embedded store behind the Core ports, and the API on top.</summary>
public static class ServiceHost
{
    public const string DefaultUrls = "http://127.0.0.1:5080";

    /// <param name="clusters">The clusters to answer from; null: the store's data directory's.</param>
    /// <param name="labels">The label store; by default <c>labels.db</c> beside the graph database.</param>
    public static WebApplication Build(SqliteGraphStore store, string urls, IClusterQueries? clusters = null, SqliteLabelStore? labels = null)
    {
        ArgumentNullException.ThrowIfNull(store);
        labels ??= SqliteLabelStore.OpenAsync(Path.Combine(Path.GetDirectoryName(store.DatabasePath)!, "labels.db"), CancellationToken.None).GetAwaiter().GetResult();
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions { Args = [] });
        builder.WebHost.UseUrls(urls);
        builder.Services.AddSingleton(store);
        builder.Services.AddSingleton<IUtxoGraphStore>(store);
        builder.Services.AddSingleton<IAccountGraphStore>(store);
        builder.Services.AddSingleton<IChainProgressStore>(store);
        var clusterQueries = clusters ?? DataDirectory.Of(store).OpenClusters(store);
        builder.Services.AddSingleton(clusterQueries);
        if (clusterQueries is ClusterService service)
        {
            builder.Services.AddSingleton<ITraceRunner>(_ => new TraceService(service, labels, new TraceArchive(DataDirectory.Of(store).Path)));
        }

        builder.Services.AddSingleton<IClusterOfAddress>(sp => new ClusterOfAddress(sp.GetRequiredService<IClusterQueries>()));
        builder.Services.AddLabels(labels);
        builder.Services.AddChainTraceApi();
        var app = builder.Build();
        app.MapChainTraceApi();
        return app;
    }
}
