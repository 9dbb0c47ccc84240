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
            await using var store = await data.OpenGraphAsync(cancellationToken);
            if (!parse.GetValue(noDemo))
            {
                await DemoLoader.LoadIfEmptyAsync(data, store, parse.InvocationConfiguration.Output, cancellationToken);
            }

            var labels = await data.OpenLabelsAsync(cancellationToken);
            var app = ServiceHost.Build(store, parse.GetValue(urls)!, labels: labels);
            await app.StartAsync(cancellationToken);
            await app.WaitForShutdownAsync(cancellationToken);
            return 0;
        });
        return command;
    }
}
