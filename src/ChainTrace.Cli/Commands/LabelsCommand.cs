using System.CommandLine;
using ChainTrace.Api.Labels;
using ChainTrace.Cli.Hosting;
using ChainTrace.Cli.Output;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Labels;
using ChainTrace.Index.Labels;
using ChainTrace.Labels.Formats;
using ChainTrace.Labels.Import;

namespace ChainTrace.Cli.Commands;

/// <summary><c>chaintrace labels import FILE... [--format F] [--on-error reject|skip]</c>: attribution labels into <c>DATA/labels.db</c>.</summary>
public static class LabelsCommand
{
    public static Command Build()
    {
        var command = new Command("labels", "Attribution labels: import TagPacks, ActorPacks, OFAC lists, Etherscan label CSVs, plain CSV");
        command.Subcommands.Add(BuildImport());
        command.Subcommands.Add(BuildShow());
        return command;
    }

    private static Command BuildShow()
    {
        var chain = new Argument<string>("chain") { Description = "btc or eth" };
        var address = new Argument<string>("address") { Description = "The address" };
        var command = new Command("show", "The labels of an address, as GET /v1/addresses/{chain}/{address}/labels answers") { chain, address, CommonOptions.Json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var data = new DataDirectory(parse.GetValue(CommonOptions.Data)!);
            if (!File.Exists(data.LabelDatabase))
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: no labels in {data.Path} ({data.LabelDatabase} does not exist): run chaintrace labels import first [no-store]");
                return 3;
            }

            await using var graph = data.HasGraph ? await data.OpenGraphAsync(cancellationToken) : null;
            var labels = await data.OpenLabelsAsync(cancellationToken);
            using var clusters = graph is null ? null : data.OpenClusters(graph);
            var result = await new LabelLookup(labels, new AddressLabelResolver(labels, clusters is null ? null : new ClusterOfAddress(clusters)), graph)
                .GetForAddressAsync(parse.GetValue(chain)!, parse.GetValue(address)!, cancellationToken);
            if (result.Error is { } error)
            {
                return ProblemPrinter.Print(error, parse.InvocationConfiguration.Error);
            }

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(CommonOptions.Json))
            {
                JsonOutput.Write(output, result.Value!);
                return 0;
            }

            var dto = result.Value!;
            output.WriteLine($"{dto.Address} ({dto.Chain}): {dto.Labels.Count} labels{(dto.Conflicting ? ", sources disagree: " + string.Join(", ", dto.Categories) : "")}");
            foreach (var l in dto.Labels)
            {
                output.WriteLine($"  {l.Category} ({l.Severity})  {l.Label}{(l.Actor is { } a ? $" [{a.Name ?? a.Id}]" : "")}  via {l.Via}  {l.Pack}:{l.Line}  {l.Confidence.Id} {l.Confidence.Level}");
            }

            return 0;
        });
        return command;
    }

    private static Command BuildImport()
    {
        var files = new Argument<FileInfo[]>("files") { Description = "Label files (a directory's files with a shell glob)", Arity = ArgumentArity.OneOrMore };
        var format = new Option<string?>("--format") { Description = $"Format of every file ({LabelFormats.Codes}); detected per file when not given" };
        format.Validators.Add(r =>
        {
            if (r.GetValueOrDefault<string?>() is { } f && !LabelFormats.TryParse(f, out _))
            {
                r.AddError($"unknown format '{f}': expected {LabelFormats.Codes}");
            }
        });
        var onError = new Option<string>("--on-error")
        {
            Description = "reject: import nothing from a file with a bad line (default); skip: import its good lines",
            DefaultValueFactory = _ => "reject",
        };
        onError.AcceptOnlyFromAmong("reject", "skip");
        var network = new Option<string>("--network")
        {
            Description = "Network of the Bitcoin addresses (main, test, regtest); default: the network of the store's Bitcoin data, else main",
        };
        network.AcceptOnlyFromAmong("main", "test", "regtest");
        var command = new Command("import", "Import label files; the last line is the summary") { files, format, onError, network };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var data = new DataDirectory(parse.GetValue(CommonOptions.Data)!);
            var store = await data.OpenLabelsAsync(cancellationToken);
            // With a graph beside the labels, cluster-defining tags reach their clusters (via: cluster, the summary's count).
            await using var graph = data.HasGraph ? await data.OpenGraphAsync(cancellationToken) : null;
            using var clusters = graph is null ? null : data.OpenClusters(graph);
            var stored = graph is null ? null : await graph.GetNetworkAsync(Chain.Btc, cancellationToken);
            var given = parse.GetValue(network) is { } n ? NetworkCodes.Parse(n) : (Network?)null;
            if (given is { } g && stored is { } s && g != s)
            {
                parse.InvocationConfiguration.Error.WriteLine($"warning: the store's Bitcoin data is {s.ToCode()}; {g.ToCode()} addresses match none of it");
            }

            LabelFormat? forced = parse.GetValue(format) is { } f && LabelFormats.TryParse(f, out var parsedFormat) ? parsedFormat : null;
            var options = new LabelImportOptions(
                forced,
                parse.GetValue(onError) == "skip" ? OnErrorPolicy.Skip : OnErrorPolicy.Reject,
                given ?? stored ?? Network.Main);
            var printer = new LabelProgressPrinter(parse.InvocationConfiguration.Error);
            var inputs = parse.GetValue(files)!.Select(file => new LabelInput(file.ToString(), file.OpenRead)).ToList();
            var summary = await new LabelImporter(store, clusters is null ? null : new ClusterOfAddress(clusters)).ImportAsync(inputs, options, printer, cancellationToken);
            printer.Finish();
            var actorIds = summary.Files.SelectMany(o => o.Imported).Select(l => l.Actor?.Id).OfType<string>().ToHashSet(StringComparer.Ordinal);
            var known = await store.GetActorsAsync(actorIds, cancellationToken);
            var unresolved = actorIds.Where(id => !known.ContainsKey(id)).Order(StringComparer.Ordinal).ToList();
            return LabelImportReport.Print(summary, unresolved, parse.InvocationConfiguration.Output, parse.InvocationConfiguration.Error);
        });
        return command;
    }
}
