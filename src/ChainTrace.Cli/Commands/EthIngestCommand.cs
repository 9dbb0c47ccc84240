using System.CommandLine;
using ChainTrace.Cli.Hosting;
using ChainTrace.Cli.Output;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.Ethereum.Etl;
using ChainTrace.Ethereum.Ingest;
using ChainTrace.Ethereum.Rpc;
using Microsoft.Extensions.Logging;

namespace ChainTrace.Cli.Commands;

internal static class EthIngestCommand
{
    public static Command Build()
    {
        var rpc = UrlOption.Create("--rpc", "Ethereum JSON-RPC URL, e.g. http://127.0.0.1:8545");
        var etl = new Option<DirectoryInfo?>("--etl") { Description = "blockchain-etl export directory (blocks, transactions, receipts, logs, token_transfers, traces as .json or .csv)" };
        var traces = new Option<TraceMode>("--traces") { Description = "Internal transfers from: Auto (what the node offers), Parity (trace_block), Geth (debug_traceBlockByNumber callTracer), None", DefaultValueFactory = _ => TraceMode.Auto };
        var network = ValidatedOptions.Network("main, test or regtest (a local dev chain); default: from the node's eth_chainId, main for an export");
        var confirmations = ValidatedOptions.Ranged<EthIngestOptions>("--confirmations", nameof(EthIngestOptions.Confirmations), "Stay this many blocks behind the node's tip");
        var finality = ValidatedOptions.Ranged<EthIngestOptions>("--finality-depth", nameof(EthIngestOptions.FinalityDepth), "Refuse reorgs deeper than this");
        var concurrency = ValidatedOptions.Ranged<EthRpcOptions>("--max-concurrent-requests", nameof(EthRpcOptions.MaxConcurrentRequests), "JSON-RPC batches in flight");
        var command = new Command("eth", "Ingest Ethereum blocks: native, token and internal transfers")
        {
            IngestCommand.From, IngestCommand.To, rpc, etl, traces, network, confirmations, finality, concurrency, IngestCommand.NoCluster,
        };
        ValidatedOptions.AddHeightOrder(command, IngestCommand.From, IngestCommand.To);
        command.Validators.Add(result =>
        {
            if (result.GetResult(rpc) is null == result.GetResult(etl) is null)
            {
                result.AddError("give exactly one source: --rpc URL | --etl DIR");
            }
        });
        command.SetAction(async (parse, cancellationToken) =>
        {
            var error = parse.InvocationConfiguration.Error;
            var data = new DataDirectory(parse.GetValue(CommonOptions.Data)!);
            try
            {
                var net = parse.GetValue(network);
                using var logging = CliLogging.Create();
                IAccountBlockSource source = parse.GetValue(rpc) is { } url
                    ? new EthRpcBlockSource(
                        new EthRpcOptions { Endpoint = url, Traces = parse.GetValue(traces), Network = net, MaxConcurrentRequests = parse.GetValue(concurrency) },
                        logger: logging.CreateLogger<EthRpcBlockSource>())
                    : new EthEtlBlockSource(parse.GetValue(etl)!.FullName, net ?? Network.Main);
                using var disposeSource = source as IDisposable;
                await using var store = await data.OpenGraphAsync(cancellationToken);
                var options = new EthIngestOptions
                {
                    From = parse.GetValue(IngestCommand.From),
                    To = parse.GetValue(IngestCommand.To),
                    Confirmations = parse.GetValue(confirmations),
                    FinalityDepth = parse.GetValue(finality),
                };
                var printer = new EthProgressPrinter(error);
                var summary = await new EthIngestor(logging.CreateLogger<EthIngestor>()).RunAsync(source, store, options, printer, cancellationToken);
                printer.Finish();
                if ((source as EthEtlBlockSource)?.ReadingNote is { } note)
                {
                    await error.WriteLineAsync($"note: {note}");
                }

                await parse.InvocationConfiguration.Output.WriteLineAsync(SummaryLine(summary));
                if (!parse.GetValue(IngestCommand.NoCluster))
                {
                    await ClusterStep.RunAsync(data, store, Core.Chains.Chain.Eth, null, parse.InvocationConfiguration.Output, error, cancellationToken);
                    await RiskStep.AfterIngestAsync(data, store, Core.Chains.Chain.Eth, parse.InvocationConfiguration.Output, error, cancellationToken);
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

    internal static string SummaryLine(EthIngestSummary s)
    {
        var kinds = string.Join(", ", s.TransfersByKind.OrderBy(k => k.Key).Select(k => $"{k.Value} {k.Key.ToString().ToLowerInvariant()}"));
        return $"ingested eth from {s.Source}: {s.BlocksWritten} blocks written, {s.BlocksSkipped} already stored, {s.Transactions} tx, " +
               $"{s.Transfers} transfers ({(kinds.Length == 0 ? "none" : kinds)}), {s.Warnings.Total} warnings, {s.Reorgs} reorgs ({s.BlocksRolledBack} blocks rolled back), " +
               $"heights {s.FromHeight?.ToString() ?? "-"}..{s.ToHeight?.ToString() ?? "-"}, {s.Elapsed.TotalSeconds:F1} s" +
               (s.BlocksWithoutTraces > 0 ? $"; {s.BlocksWithoutTraces} blocks without traces (their internal transfers are unknown)" : "");
    }
}
