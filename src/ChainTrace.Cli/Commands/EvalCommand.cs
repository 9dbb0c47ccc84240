using System.CommandLine;
using ChainTrace.Cli.Hosting;
using ChainTrace.Core.Chains;
using ChainTrace.Index.Evaluation;

namespace ChainTrace.Cli.Commands;

/// <summary><c>chaintrace eval clustering --truth DIR [--chain btc|eth]</c>: the stored clusters against simulator ground truth.</summary>
public static class EvalCommand
{
    public static Command Build()
    {
        var command = new Command("eval", "Measure derived data against ground truth");
        var truth = new Option<DirectoryInfo>("--truth") { Description = "A simulator truth directory (addresses.jsonl, entities.jsonl)", Required = true };
        var chainOption = new Option<string>("--chain") { Description = "btc or eth", DefaultValueFactory = _ => "btc" };
        var clustering = new Command("clustering", "Pairwise precision and recall of the stored clusters") { truth, chainOption };
        clustering.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            if (!ChainCodes.TryParse(parse.GetValue(chainOption)!, out var chain))
            {
                error.WriteLine($"error: unknown chain '{parse.GetValue(chainOption)}' [unknown-chain]");
                return 2;
            }

            var data = new DataDirectory(parse.GetValue(CommonOptions.Data)!);
            await using var store = await data.OpenGraphAsync(cancellationToken);
            using var clusters = data.OpenClusters(store);
            var network = await store.GetNetworkAsync(chain, cancellationToken) ?? Network.Main;
            try
            {
                var score = ClusteringEvaluator.Score(parse.GetValue(truth)!.FullName, chain, network,
                    address => clusters.GetClusterIdAsync(address, cancellationToken).GetAwaiter().GetResult());
                parse.InvocationConfiguration.Output.WriteLine(score.ToLine());
                return 0;
            }
            catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException)
            {
                error.WriteLine($"error: {ex.Message}");
                return 2;
            }
        });
        command.Subcommands.Add(clustering);
        command.Subcommands.Add(Tracing(truth, chainOption));
        return command;
    }

    /// <summary><c>eval tracing --truth DIR [--chain btc|eth]</c>: forward traces from each flagged source against the simulator's taint truth.</summary>
    private static Command Tracing(Option<DirectoryInfo> truth, Option<string> chainOption)
    {
        var budget = new Option<double>("--time-budget")
        {
            Description = "Seconds each trace may take (default 600); one that needs more ends the evaluation with an error, not partial figures",
            DefaultValueFactory = _ => TracingEvaluator.DefaultBudget.TotalSeconds,
        };
        var command = new Command("tracing", "Forward traces from each flagged source (FIFO, haircut, poison) against the truth's flows") { truth, chainOption, budget };
        command.SetAction(async (parse, cancellationToken) =>
        {
            if (!ChainCodes.TryParse(parse.GetValue(chainOption)!, out var chain))
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: unknown chain '{parse.GetValue(chainOption)}' [unknown-chain]");
                return 2;
            }

            var data = new DataDirectory(parse.GetValue(CommonOptions.Data)!);
            await using var store = await data.OpenGraphAsync(cancellationToken);
            using var clusters = data.OpenClusters(store);
            var labels = await data.OpenLabelsAsync(cancellationToken);
            try
            {
                if (parse.GetValue(budget) is var given && (double.IsNaN(given) || given < 0))
                {
                    parse.InvocationConfiguration.Error.WriteLine($"error: --time-budget {given} is not a number of seconds >= 0 [invalid-parameter]");
                    return 2;
                }

                var seconds = TimeSpan.FromSeconds(parse.GetValue(budget));
                var score = chain == Chain.Eth
                    ? await EthTracingEvaluator.ScoreAsync(parse.GetValue(truth)!.FullName, clusters, labels, cancellationToken, seconds)
                    : await TracingEvaluator.ScoreAsync(parse.GetValue(truth)!.FullName, clusters, labels, cancellationToken, seconds);
                parse.InvocationConfiguration.Output.WriteLine(score.ToLine());
                return 0;
            }
            catch (Exception ex) when (ex is InvalidDataException or FileNotFoundException or TimeoutException)
            {
                parse.InvocationConfiguration.Error.WriteLine($"error: {ex.Message}");
                return 2;
            }
        });
        return command;
    }
}
