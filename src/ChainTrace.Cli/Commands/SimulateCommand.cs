using System.CommandLine;
using ChainTrace.Simulator;
using ChainTrace.Simulator.Scenarios;

namespace ChainTrace.Cli.Commands;

public static class SimulateCommand
{
    public static Command Build()
    {
        var scenario = new Option<string>("--scenario") { Description = "Scenario: " + string.Join(", ", ScenarioCatalog.Names), Required = true };
        scenario.AcceptOnlyFromAmong([.. ScenarioCatalog.Names]);
        var seed = new Option<ulong>("--seed") { Description = "Seed: the same seed gives byte-identical output", DefaultValueFactory = _ => 1 };
        var output = new Option<DirectoryInfo>("--out") { Description = "Output directory", Required = true };
        var scale = new Option<int?>("--scale") { Description = "Size: for 'large' the number of Bitcoin transactions; others scale their base size" };
        var fast = new Option<bool>("--fast") { Description = "Skip signing (same shapes, dummy signatures): for large benchmark data" };
        var anvil = UrlOption.Create("--anvil", "Also replay the Ethereum economy as real transactions onto this fresh Anvil node (writes eth/replay.json)");
        var command = new Command("simulate", "Generate a synthetic economy with ground truth, in real chain formats") { scenario, seed, output, scale, fast, anvil };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var summary = await Simulator.Simulator.RunAsync(
                new SimulationOptions
                {
                    Scenario = parse.GetValue(scenario)!,
                    Seed = parse.GetValue(seed),
                    OutDir = parse.GetValue(output)!.FullName,
                    Scale = parse.GetValue(scale),
                    Signed = !parse.GetValue(fast),
                    AnvilRpc = parse.GetValue(anvil),
                },
                cancellationToken);
            await parse.InvocationConfiguration.Output.WriteLineAsync(
                $"simulated {summary.Scenario} (seed {summary.Seed}, {(summary.Signed ? "signed" : "fast, unsigned")}): " +
                $"btc {summary.BitcoinBlocks} blocks / {summary.BitcoinTransactions} tx, eth {summary.EthereumBlocks} blocks / {summary.EthereumTransactions} tx, " +
                $"{summary.Entities} entities, {summary.Addresses} addresses -> {summary.OutDir}" +
                (summary.Replay is { } replay ? $"; replayed onto Anvil: blocks {replay.FirstBlock}..{replay.LastBlock}, {replay.Transactions.Count} tx ({replay.FailedTransactions} failed as simulated)" : ""));
            return 0;
        });
        return command;
    }
}
