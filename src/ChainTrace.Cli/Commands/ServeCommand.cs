using System.CommandLine;
using ChainTrace.Cli.Hosting;
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
        var command = new Command("serve", "Run the API on the embedded store (an empty store is first loaded with the demo data set)") { urls, noDemo };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var data = new DataDirectory(parse.GetValue(CommonOptions.Data)!);
            var log = parse.InvocationConfiguration.Output;
            await using var store = await data.OpenGraphAsync(cancellationToken);
            await using var appState = await data.OpenAppStateAsync(cancellationToken);
            await KeyFiles.EnsureAdminKeyAsync(data, appState, log, cancellationToken);
            if (!parse.GetValue(noDemo) && await DemoLoader.LoadIfEmptyAsync(data, store, log, cancellationToken))
            {
                await KeyFiles.EnsureDemoKeysAsync(data, appState, log, cancellationToken);
            }

            var labels = await data.OpenLabelsAsync(cancellationToken);
            var app = ServiceHost.Build(store, appState, parse.GetValue(urls)!, labels);
            await app.StartAsync(cancellationToken);
            StartupBanner.Print(data, app.Urls.First(), log);
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
