using System.CommandLine;
using System.Globalization;
using ChainTrace.Cli.Hosting;
using ChainTrace.Cli.Output;
using ChainTrace.Risk;
using ChainTrace.Risk.Exposure;

namespace ChainTrace.Cli.Commands;

/// <summary><c>chaintrace risk refresh [--hops N] [--dust-threshold SAT]</c>: exposure and scores of every address, stored with the data height.</summary>
public static class RiskCommand
{
    public static Command Build()
    {
        var command = new Command("risk", "Exposure and risk scores (the screening API's precomputed answers)");
        var hops = new Option<int>("--hops") { Description = "Indirect exposure within this many hops (1-10)", DefaultValueFactory = _ => ExposureOptions.DefaultHops };
        var dust = new Option<long>("--dust-threshold") { Description = "Unspent incoming outputs below this many satoshi are discounted as dust", DefaultValueFactory = _ => new ExposureOptions().DustThreshold };
        var refresh = new Command("refresh", "Compute exposure (incoming/outgoing, direct/indirect) and scores for every Bitcoin address and cluster") { hops, dust };
        refresh.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var data = new DataDirectory(parse.GetValue(CommonOptions.Data)!);
            var options = new ExposureOptions { Hops = parse.GetValue(hops), DustThreshold = parse.GetValue(dust) };
            try
            {
                options.Validate();
            }
            catch (ArgumentOutOfRangeException ex)
            {
                error.WriteLine($"error: {ex.Message.Split(Environment.NewLine)[0]} [bad-option]");
                return 2;
            }

            if (!Directory.Exists(Path.Combine(data.Path, "index", "btc")))
            {
                error.WriteLine($"error: {data.Path} has no Bitcoin read model: run 'chaintrace cluster update' (or ingest) first [no-read-model]");
                return 2;
            }

            var labels = await data.OpenLabelsAsync(cancellationToken);
            var line = new ProgressLine(error);
            var summary = await RiskRefresh.RunAsync(data.Path, labels, options,
                new SyncProgress<(string Phase, long Done, long Total)>(p => line.Write(string.Create(CultureInfo.InvariantCulture,
                    $"risk refresh: {p.Phase} {p.Done}/{p.Total}"))),
                cancellationToken);
            line.Finish();
            parse.InvocationConfiguration.Output.WriteLine(summary.Line());
            return 0;
        });
        command.Subcommands.Add(refresh);
        return command;
    }
}
