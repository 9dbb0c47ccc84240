using ChainTrace.Jobs.Hosting;
using ChainTrace.Jobs.Operability;
using ChainTrace.Jobs.Settings;
using Microsoft.Extensions.Configuration;

namespace ChainTrace.Cli.Hosting;

/// <summary>Background jobs, watchlists, alerts and webhooks (<c>ChainTrace.Jobs</c>) as a module of <c>serve</c>.</summary>
public static class JobsModule
{
    /// <summary>
    /// The configuration <c>serve</c> reads: <c>--config FILE</c> (JSON) when given, then environment variables
    /// <c>CHAINTRACE__Section__Key</c>, which win.
    /// </summary>
    public static IConfiguration ReadConfiguration(FileInfo? file)
    {
        var builder = new ConfigurationBuilder();
        if (file is not null)
        {
            if (!file.Exists)
            {
                throw new ConfigurationException("--config", $"file '{file.FullName}' does not exist");
            }

            builder.AddJsonFile(file.FullName, optional: false, reloadOnChange: false);
        }

        return builder.AddEnvironmentVariables("CHAINTRACE__").Build();
    }

    public static ServiceModule Create(IConfiguration configuration, JobsSettings settings, ServeRole role, string dataDirectory) => new(
        builder =>
        {
            builder.Configuration.AddConfiguration(configuration);
            builder.Services.AddChainTraceJobs(settings, role, dataDirectory);
        },
        app => app.UseDashboardKeyLogin().UseScreeningTiming(),
        app => app.MapChainTraceJobs());
}
