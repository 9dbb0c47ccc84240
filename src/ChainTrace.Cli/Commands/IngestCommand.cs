using System.CommandLine;
using ChainTrace.Cli.Hosting;
using ChainTrace.Cli.Output;
using ChainTrace.Core.Ingest;
using ChainTrace.Core.Ports;

namespace ChainTrace.Cli.Commands;

public static class IngestCommand
{
    public static Command Build()
    {
        var command = new Command("ingest", "Pull blocks from a chain source into the store");
        command.Subcommands.Add(BuildBtc());
        command.Subcommands.Add(EthIngestCommand.Build());
        return command;
    }

    internal static Option<long?> From { get; } = ValidatedOptions.Height("--from", "First height (default: where the source and the store last agree, plus one)");

    internal static Option<long?> To { get; } = ValidatedOptions.Height("--to", "Last height, inclusive (default: the source's tip)");

    internal static Option<bool> NoCluster { get; } = new("--no-cluster") { Description = "Do not extend the read model, clusters and stored risk refresh over the blocks written" };

    private static Command BuildBtc()
    {
        var sources = new BtcSourceOptions();
        var command = new Command("btc", "Ingest Bitcoin blocks") { From, To, NoCluster };
        sources.AddTo(command);
        ValidatedOptions.AddHeightOrder(command, From, To);
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var data = new DataDirectory(parse.GetValue(CommonOptions.Data)!);
            try
            {
                using var logging = CliLogging.Create();
                var source = sources.Create(parse, logging);
                using var disposeSource = source as IDisposable;
                await using var store = await data.OpenGraphAsync(cancellationToken);
                var printer = new IngestProgressPrinter(error, "btc");
                var summary = await new UtxoIngestor(store, source)
                    .RunAsync(new UtxoIngestOptions { From = parse.GetValue(From), To = parse.GetValue(To) }, printer, cancellationToken);
                printer.Finish();
                foreach (var note in summary.Notes ?? [])
                {
                    await error.WriteLineAsync($"note: {note}");
                }

                await parse.InvocationConfiguration.Output.WriteLineAsync(SummaryLine("btc", source.Description, summary));
                if (!parse.GetValue(NoCluster))
                {
                    await ClusterStep.RunAsync(data, store, Core.Chains.Chain.Btc, null, parse.InvocationConfiguration.Output, error, cancellationToken);
                    await RiskStep.AfterIngestAsync(data, store, Core.Chains.Chain.Btc, parse.InvocationConfiguration.Output, error, cancellationToken);
                }

                return ExitCodes.Ok;
            }
            catch (Exception ex) when (ex is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return IngestFailure.Report(ex, error);
            }
        });
        return command;
    }

    internal static string SummaryLine(string chain, string source, IngestSummary s) =>
        $"ingested {chain} from {source}: {s.BlocksWritten} blocks written, {s.BlocksSkipped} already stored, {s.Transactions} tx, " +
        $"{s.InputsResolvedFromStore} inputs resolved from store, {s.Reorgs} reorgs ({s.BlocksRolledBack} blocks rolled back), " +
        $"tip {(s.Tip is null ? "none" : $"{s.Tip.Height} {s.Tip.Hash}")}, {s.Elapsed.TotalSeconds:F1} s, {s.TransactionsPerSecond:F0} tx/s";
}
