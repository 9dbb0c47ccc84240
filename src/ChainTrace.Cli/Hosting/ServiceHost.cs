using ChainTrace.Risk;
using ChainTrace.Api;
using ChainTrace.Api.Audit;
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
using ChainTrace.Web;
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
    /// <param name="modules">Parts composed beside the API (the jobs module of <c>serve</c>).</param>
    public static WebApplication Build(SqliteGraphStore store, IAppStateStore appState, string urls, SqliteLabelStore? labels = null, bool accessControl = true, IClusterQueries? clusters = null, params ServiceModule[] modules)
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
        builder.Services.AddSingleton<IStoredBlockFeed>(store);
        if (clusters is null)
        {
            // Made by the container, so the container disposes it with the app.
            builder.Services.AddSingleton(_ => DataDirectory.Of(store).OpenClusters(store));
            builder.Services.AddSingleton<IClusterQueries>(sp => sp.GetRequiredService<ChainTrace.Index.Service.ClusterService>());
        }
        else
        {
            builder.Services.AddSingleton(clusters);
        }

        builder.Services.AddSingleton<IClusterOfAddress>(sp => sp.GetRequiredService<IClusterQueries>());
        builder.Services.AddSingleton<IApiKeyStore>(appState);
        builder.Services.AddSingleton<IAuditLog>(appState);
        builder.Services.AddSingleton<IWatchlistStore>(appState);
        builder.Services.AddSingleton<ICaseStore>(appState);
        builder.Services.AddSingleton<IAddressActivityReader>(store);
        builder.Services.AddSingleton<ITraceRunner>(sp => new TraceService(
            sp.GetRequiredService<IClusterQueries>() as ClusterService
                ?? throw new InvalidOperationException("tracing needs the read model's cluster service"),
            labels,
            new TraceArchive(DataDirectory.Of(store).Path)));
        builder.Services.AddLabels(labels);
        builder.Services.AddRisk(DataDirectory.Of(store).Path);
        builder.Services.AddChainTraceApi(accessControl);
        if (builder.Configuration.GetValue("Audit:Journal", true))
        {
            // Off (CHAINTRACE__Audit__Journal=false): each batch is committed into the audit log before its answers.
            builder.Services.AddAuditJournal(Path.Combine(DataDirectory.Of(store).Path, "audit-journal"));
        }
        foreach (var module in modules)
        {
            module.Configure(builder);
        }

        var app = builder.Build();
        foreach (var module in modules)
        {
            module.UseBeforeApi(app);
        }

        // The page first: it is public and static, so it never reaches the key check or the audit log.
        app.UseInvestigatorPage();
        app.MapChainTraceApi();
        foreach (var module in modules)
        {
            module.Map(app);
        }
        return app;
    }
}
