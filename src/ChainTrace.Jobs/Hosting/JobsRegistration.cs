using ChainTrace.Api.Access;
using ChainTrace.Jobs.Endpoints;
using ChainTrace.Core.Clustering;
using ChainTrace.Core.Ports;
using ChainTrace.Api.Health;
using ChainTrace.Jobs.Jobs;
using ChainTrace.Jobs.Operability;
using ChainTrace.Jobs.Rules;
using ChainTrace.Jobs.Settings;
using ChainTrace.Jobs.Webhooks;
using Hangfire;
using Hangfire.PostgreSql;
using Hangfire.Storage.SQLite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.DependencyInjection.Extensions;
using OpenTelemetry.Metrics;

namespace ChainTrace.Jobs.Hosting;

/// <summary>
/// Hangfire inside <c>serve</c>: storage <c>DATA/jobs.db</c> (Hangfire.Storage.SQLite) or PostgreSQL when
/// <c>ConnectionStrings:Postgres</c> is set; a job server unless the role is <see cref="ServeRole.Api"/>; the
/// recurring jobs; the job, watchlist and alert endpoints; the dashboard at <c>/jobs</c> for admins.
/// </summary>
public static class JobsRegistration
{
    public static IServiceCollection AddChainTraceJobs(this IServiceCollection services, JobsSettings settings, ServeRole role, string dataDirectory)
    {
        ArgumentNullException.ThrowIfNull(settings);
        services.AddSingleton(settings);
        services.AddSingleton(_ => new WebhookClient(settings.AllowPrivateNetworks));
        services.AddSingleton<JobRuns>();
        services.TryAddSingleton(TimeProvider.System);
        services.AddTransient<SyncBtcJob>();
        services.AddTransient<SyncEthJob>();
        services.AddTransient<RescanWatchlistsJob>();
        services.AddTransient<ReclusterJob>();
        services.AddTransient<RefreshRiskJob>();
        services.AddTransient<RetrainModelJob>();
        services.AddSingleton(new JobPaths(dataDirectory));
        services.AddScoped(sp => new SubjectResolver(sp.GetRequiredService<IChainProgressStore>(), sp.GetService<IClusterQueries>()));
        services.AddScoped<IWatchRuleEvaluator, OutgoingRule>();
        services.AddScoped<IWatchRuleEvaluator, ReachesRule>();
        services.AddScoped<IWatchRuleEvaluator, ScoreAboveRule>();
        services.AddScoped(sp => new ClusterGrowsRule(sp.GetRequiredService<SubjectResolver>(), sp.GetRequiredService<IWatchlistStore>(), sp.GetService<IClusterQueries>()));
        services.AddScoped<IWatchRuleEvaluator>(sp => sp.GetRequiredService<ClusterGrowsRule>());
        services.AddTransient<DeliverWebhookJob>();
        services.AddSingleton<JobRunFilter>();
        services.AddSingleton<OperationalState>();
        services.AddSingleton<JobMetrics>();
        services.AddSingleton<SourceWatch>();
        services.AddSingleton<IServiceHealth, JobsHealth>();
        services.AddOpenTelemetry().WithMetrics(metrics => metrics.AddMeter(JobMetrics.MeterName).AddPrometheusExporter());
        services.AddHangfire((provider, config) =>
        {
            config.UseFilter(provider.GetRequiredService<JobRunFilter>());
            config.UseLogProvider(new HostLogProvider(provider.GetRequiredService<ILoggerFactory>()));
            config.SetDataCompatibilityLevel(CompatibilityLevel.Version_180).UseSimpleAssemblyNameTypeSerializer().UseRecommendedSerializerSettings();
            if (settings.Postgres is { } postgres)
            {
                config.UsePostgreSqlStorage(options => options.UseNpgsqlConnection(postgres), new PostgreSqlStorageOptions
                {
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    InvisibilityTimeout = TimeSpan.FromMinutes(1),
                    DistributedLockTimeout = TimeSpan.FromSeconds(30),
                    PrepareSchemaIfNecessary = true,
                });
            }
            else
            {
                config.UseSQLiteStorage(Path.Combine(dataDirectory, "jobs.db"), new SQLiteStorageOptions
                {
                    QueuePollInterval = TimeSpan.FromSeconds(1),
                    // A job fetched by a process that was killed is picked up again after this; runs are safe to repeat.
                    InvisibilityTimeout = TimeSpan.FromMinutes(1),
                    DistributedLockLifetime = TimeSpan.FromSeconds(30),
                });
            }
        });
        if (role != ServeRole.Api)
        {
            services.AddHangfireServer(options =>
            {
                options.WorkerCount = 2;
                options.SchedulePollingInterval = TimeSpan.FromSeconds(1);
                options.ServerName = $"chaintrace-{role.ToString().ToLowerInvariant()}-{Environment.ProcessId}";
            });
        }

        return services;
    }

    public static WebApplication MapChainTraceJobs(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var v1 = app.MapGroup("/v1");
        v1.MapJobEndpoints();
        v1.MapWatchlistEndpoints();
        // The dashboard as an endpoint of its own (GET and POST), so it declares its policy like every other; Hangfire's
        // local-requests-only filter is replaced by the admin policy (API-key login, see DashboardKeyLogin).
        var dashboard = ((IEndpointRouteBuilder)app).CreateApplicationBuilder()
            .UseHangfireDashboard(DashboardKeyLogin.Path, new DashboardOptions { Authorization = [], AsyncAuthorization = [], DashboardTitle = "ChainTrace jobs" })
            .Build();
        // Operations data (job failures, source lag, load) for operators, like jobs and audit: an admin key, which
        // Prometheus sends as Authorization: Bearer (credentials_file). No setting opens it, as none opens the API.
        app.MapPrometheusScrapingEndpoint("/metrics").WithMetadata(new HttpMethodMetadata(["GET"])).RequireAccess(AccessPolicy.Admin);
        app.Services.GetRequiredService<JobMetrics>();
        app.MapMethods(DashboardKeyLogin.Path + "/{**path}", ["GET", "POST"], dashboard).RequireAccess(AccessPolicy.Admin).ExcludeFromDescription();
        RegisterRecurringWithRetry(app.Services.GetRequiredService<IRecurringJobManager>(), app.Services.GetRequiredService<JobsSettings>());
        return app;
    }

    /// <summary>
    /// A process SIGKILLed while it held a recurring job's lock leaves the lock behind in a shared storage until it
    /// expires (PostgreSQL: <c>DistributedLockTimeout</c>); a restart waits that out instead of failing to start.
    /// </summary>
    private static void RegisterRecurringWithRetry(IRecurringJobManager recurring, JobsSettings settings)
    {
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(120);
        while (true)
        {
            try
            {
                RegisterRecurring(recurring, settings);
                return;
            }
            catch (Exception ex) when ((ex is Hangfire.Storage.DistributedLockTimeoutException or PostgreSqlDistributedLockException) && DateTime.UtcNow < deadline)
            {
                Thread.Sleep(TimeSpan.FromSeconds(2));
            }
        }
    }

    private static void RegisterRecurring(IRecurringJobManager recurring, JobsSettings settings)
    {
        if (settings.Btc is not null)
        {
            recurring.AddOrUpdate<SyncBtcJob>(JobNames.SyncBtc, j => j.RunAsync(CancellationToken.None), settings.Crons[JobNames.SyncBtcKey]);
        }
        else
        {
            recurring.RemoveIfExists(JobNames.SyncBtc);
        }

        if (settings.Eth is not null)
        {
            recurring.AddOrUpdate<SyncEthJob>(JobNames.SyncEth, j => j.RunAsync(CancellationToken.None), settings.Crons[JobNames.SyncEthKey]);
        }
        else
        {
            recurring.RemoveIfExists(JobNames.SyncEth);
        }

        recurring.AddOrUpdate<RescanWatchlistsJob>(JobNames.RescanWatchlists, j => j.RunAsync(CancellationToken.None), settings.Crons[JobNames.RescanWatchlistsKey]);
        recurring.AddOrUpdate<ReclusterJob>(JobNames.Recluster, j => j.RunAsync(CancellationToken.None), settings.Crons[JobNames.ReclusterKey]);
        if (settings.RetrainModel.Truth is not null)
        {
            recurring.AddOrUpdate<RetrainModelJob>(JobNames.RetrainModel, j => j.RunAsync(CancellationToken.None), settings.Crons[JobNames.RetrainModelKey]);
        }
        else
        {
            recurring.RemoveIfExists(JobNames.RetrainModel);
        }
    }
}
