using System.CommandLine;
using ChainTrace.Cli.Hosting;
using ChainTrace.Core.Chains;
using ChainTrace.Risk.Exposure;

namespace ChainTrace.Cli.Commands;

/// <summary><c>chaintrace risk refresh [--hops N] [--dust-threshold SAT] [--eth-dust-threshold WEI] [--full]</c>: exposure and scores of every address, stored with the data height.</summary>
public static class RiskCommand
{
    public static Command Build()
    {
        var command = new Command("risk", "Exposure and risk scores (the screening API's precomputed answers)");
        var hops = new Option<int>("--hops") { Description = "Indirect exposure within this many hops (1-10)", DefaultValueFactory = _ => ExposureOptions.DefaultHops };
        var dust = new Option<long>("--dust-threshold") { Description = "Unspent incoming outputs below this many satoshi are discounted as dust", DefaultValueFactory = _ => new ExposureOptions().DustThreshold };
        var ethDust = ValidatedOptions.Wei("--eth-dust-threshold", "Incoming ether transfers below this many wei from an address the recipient never sent to are discounted as dust (default 0.01 ether)", new ExposureOptions().EthDustThreshold);
        var full = new Option<bool>("--full") { Description = "Recompute every address and cluster (by default only what new or rolled-back blocks changed, when a previous refresh allows it)" };
        var refresh = new Command("refresh", "Compute exposure (incoming/outgoing, direct/indirect) and scores for every Bitcoin and Ethereum address and cluster") { hops, dust, ethDust, full };
        refresh.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var data = new DataDirectory(parse.GetValue(CommonOptions.Data)!);
            var options = new ExposureOptions { Hops = parse.GetValue(hops), DustThreshold = parse.GetValue(dust), EthDustThreshold = parse.GetValue(ethDust) };
            try
            {
                options.Validate();
            }
            catch (ArgumentOutOfRangeException ex)
            {
                error.WriteLine($"error: {ex.Message.Split(Environment.NewLine)[0]} [bad-option]");
                return 2;
            }

            if (!RiskStep.HasReadModel(data, Chain.Btc) && !RiskStep.HasReadModel(data, Chain.Eth))
            {
                error.WriteLine($"error: {data.Path} has no read model: run 'chaintrace cluster update' (or ingest) first [no-read-model]");
                return 2;
            }

            await using var store = await data.OpenGraphAsync(cancellationToken);
            foreach (var chain in new[] { Chain.Btc, Chain.Eth }.Where(c => RiskStep.HasReadModel(data, c)))
            {
                await RiskStep.RunAsync(data, store, chain, options, parse.GetValue(full), parse.InvocationConfiguration.Output, error, cancellationToken);
            }

            return 0;
        });
        command.Subcommands.Add(refresh);
        return command;
    }
}
