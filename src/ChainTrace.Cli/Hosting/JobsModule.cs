using ChainTrace.Jobs.Hosting;
using ChainTrace.Jobs.Operability;
using ChainTrace.Jobs.Settings;
using Microsoft.Extensions.Configuration;

namespace ChainTrace.Cli.Hosting;

/// <summary>Background jobs, watchlists, alerts and webhooks (<c>ChainTrace.Jobs</c>) as a module of <c>serve</c>.</summary>
public static class JobsModule
{
    public static ServiceModule Create(IConfiguration configuration, JobsSettings settings, ServeRole role, string dataDirectory) => new(
        builder =>
        {
            builder.Configuration.AddConfiguration(configuration);
            builder.Services.AddChainTraceJobs(settings, role, dataDirectory);
        },
        app => app.UseDashboardKeyLogin().UseScreeningTiming(),
        app => app.MapChainTraceJobs());
}
