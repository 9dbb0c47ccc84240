using System.CommandLine;
using ChainTrace.Cli.Hosting;
using ChainTrace.Cli.Output;
using ChainTrace.Core.Tracing;
using ChainTrace.Index.Tracing;

namespace ChainTrace.Cli.Commands;

/// <summary>
/// <c>chaintrace trace CHAIN START --direction forward|backward [--hops N] [--taint haircut|poison|fifo] [--asset TOKEN]
/// [--stop exchange,...] [--format json|csv|graphml] [--out FILE]</c>: the result to standard output unless
/// <c>--out</c>, progress and the one-line summary on standard error. Exit 2 on bad input.
/// </summary>
public static class TraceCommand
{
    public static Command Build()
    {
        var chain = new Argument<string>("chain") { Description = "btc or eth" };
        var start = new Argument<string>("start") { Description = "An address, cluster:<id>, or <txid>:<vout>" };
        var direction = new Option<string>("--direction") { Description = "forward (where the funds went) or backward (where they came from)", Required = true };
        direction.AcceptOnlyFromAmong("forward", "backward");
        var hops = new Option<int>("--hops") { Description = $"Hop limit (1-{TraceLimits.MaxHops})", DefaultValueFactory = _ => TraceLimits.DefaultHops };
        var taint = new Option<string>("--taint") { Description = "haircut, poison or fifo", DefaultValueFactory = _ => "haircut" };
        var asset = new Option<string?>("--asset") { Description = "Token contract (Ethereum only)" };
        var stop = new Option<string>("--stop") { Description = "Stop categories, comma-separated", DefaultValueFactory = _ => "exchange" };
        var breadth = new Option<int>("--breadth") { Description = "Tainted outputs followed per transaction, largest first", DefaultValueFactory = _ => TraceLimits.DefaultBreadth };
        var format = new Option<string>("--format") { Description = "json, csv or graphml", DefaultValueFactory = _ => "json" };
        format.AcceptOnlyFromAmong("json", "csv", "graphml");
        var output = new Option<FileInfo?>("--out") { Description = "Write the result to this file instead of standard output" };
        var command = new Command("trace", "Trace funds forward or backward from an address, cluster or output")
        {
            chain, start, direction, hops, taint, asset, stop, breadth, format, output,
        };
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
            var labels = await data.OpenLabelsAsync(cancellationToken);
            var service = new TraceService(clusters, labels, new TraceArchive(data.Path));
            var request = new TraceRequest
            {
                Chain = parse.GetValue(chain), Start = parse.GetValue(start), Direction = parse.GetValue(direction), Hops = parse.GetValue(hops),
                Taint = parse.GetValue(taint), Asset = parse.GetValue(asset), Breadth = parse.GetValue(breadth),
                Stop = parse.GetValue(stop)!.Split(',', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries),
            };
            error.WriteLine($"tracing {request.Direction} from {request.Start} ...");
            var outcome = await service.TraceAsync(request, new SyncProgress<int>(n => error.WriteLine($"  {n} transactions visited")), cancellationToken);
            if (outcome.Code is { } code)
            {
                error.WriteLine($"error: {outcome.Error} [{code}]");
                return 2;
            }

            var bytes = TraceExports.Convert(outcome.Json!, parse.GetValue(format)!);
            if (parse.GetValue(output) is { } file)
            {
                await File.WriteAllBytesAsync(file.FullName, bytes, cancellationToken);
            }
            else
            {
                parse.InvocationConfiguration.Output.Write(System.Text.Encoding.UTF8.GetString(bytes));
                parse.InvocationConfiguration.Output.WriteLine();
            }

            var d = outcome.Document!;
            error.WriteLine($"trace {d.Id}: {d.Status}{(d.CutShort is null ? "" : $" ({d.CutShort})")}, {d.Endpoints.Count} endpoints, {d.Edges.Count} edges, traced {d.Totals.Traced}, reached {d.Totals.ReachedEndpoints}");
            return 0;
        });
        return command;
    }
}
