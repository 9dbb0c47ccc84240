using System.CommandLine;
using ChainTrace.Cli.Hosting;
using ChainTrace.Core.Tracing;
using ChainTrace.Index.Tracing;

namespace ChainTrace.Cli.Commands;

/// <summary><c>chaintrace paths CHAIN FROM TO [--hops N]</c>: the paths by which value moved from one address or cluster to another (JSON, as GET /v1/paths).</summary>
public static class PathsCommand
{
    public static Command Build()
    {
        var chain = new Argument<string>("chain") { Description = "btc or eth" };
        var from = new Argument<string>("from") { Description = "An address or cluster:<id>" };
        var to = new Argument<string>("to") { Description = "An address or cluster:<id>" };
        var hops = new Option<int>("--hops") { Description = $"Hop limit (1-{TraceLimits.MaxHops})", DefaultValueFactory = _ => TraceLimits.DefaultHops };
        var command = new Command("paths", "Connection search: how value moved from FROM to TO within N hops") { chain, from, to, hops };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var data = new DataDirectory(parse.GetValue(CommonOptions.Data)!);
            if (!data.HasGraph)
            {
                error.WriteLine($"error: no store in {data.Path}: ingest first [no-store]");
                return 3;
            }

            await using var store = await data.OpenGraphAsync(cancellationToken);
            using var clusters = data.OpenClusters(store);
            var service = new TraceService(clusters, await data.OpenLabelsAsync(cancellationToken), new TraceArchive(data.Path));
            var answer = await service.PathsAsync(parse.GetValue(chain), parse.GetValue(from), parse.GetValue(to), parse.GetValue(hops), cancellationToken);
            if (answer.Code is { } code)
            {
                error.WriteLine($"error: {answer.Error} [{code}]");
                return 2;
            }

            parse.InvocationConfiguration.Output.WriteLine(System.Text.Encoding.UTF8.GetString(answer.Json!));
            return 0;
        });
        return command;
    }
}
