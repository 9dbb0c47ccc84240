using System.CommandLine;
using ChainTrace.Cli.Hosting;
using ChainTrace.Core.Ports;
using ChainTrace.Jobs.Hosting;
using ChainTrace.Jobs.Settings;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace ChainTrace.Cli.Commands;

public static class ServeCommand
{
    public static Command Build()
    {
        var urls = new Option<string>("--urls")
        {
            Description = "Where to listen",
            DefaultValueFactory = _ => ServiceHost.DefaultUrls,
        };
        var noDemo = new Option<bool>("--no-demo") { Description = "Do not load the demo data set into an empty store" };
        var role = new Option<string>("--role")
        {
            Description = "all (API and background jobs), api (API only; jobs run on workers), worker (runs the jobs)",
            DefaultValueFactory = _ => "all",
        };
        role.AcceptOnlyFromAmong("all", "api", "worker");
        var config = ServiceConfiguration.ConfigOption();
        var command = new Command("serve", "Run the API and the background jobs on the embedded store (an empty store is first loaded with the demo data set)") { urls, noDemo, role, config };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var data = new DataDirectory(parse.GetValue(CommonOptions.Data)!);
            var log = parse.InvocationConfiguration.Output;
            IConfiguration configuration;
            JobsSettings settings;
            try
            {
                configuration = ServiceConfiguration.Read(parse.GetValue(config));
                settings = JobsSettings.Load(configuration);
            }
            catch (Exception ex) when (ex is ConfigurationException or InvalidDataException or FormatException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: {ex.Message}");
                return 2;
            }

            await using var store = await data.OpenGraphAsync(cancellationToken);
            await using var appState = await data.OpenAppStateAsync(settings.Postgres, cancellationToken);
            await KeyFiles.EnsureAdminKeyAsync(data, appState, log, cancellationToken);
            if (!parse.GetValue(noDemo) && await DemoLoader.LoadIfEmptyAsync(data, store, log, cancellationToken))
            {
                await KeyFiles.EnsureDemoKeysAsync(data, appState, log, cancellationToken);
            }

            var labels = await data.OpenLabelsAsync(cancellationToken);
            var jobs = JobsModule.Create(configuration, settings, Enum.Parse<ServeRole>(parse.GetValue(role)!, ignoreCase: true), data.Path);
            using var clusters = data.OpenClusters(store);
            var app = ServiceHost.Build(store, appState, parse.GetValue(urls)!, labels, clusters: clusters, modules: jobs);
            await app.StartAsync(cancellationToken);
            StartupBanner.Print(data, app.Urls.First(), log, clusters);
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
