using System.CommandLine;
using ChainTrace.Api.Contracts;
using ChainTrace.Api.Lookups;
using ChainTrace.Cli.Hosting;
using ChainTrace.Cli.Output;

namespace ChainTrace.Cli.Commands;

public static class TransactionCommand
{
    public static Command Build()
    {
        var chain = new Argument<string>("chain") { Description = "btc or eth" };
        var id = new Argument<string>("txid") { Description = "Transaction id / hash" };
        var command = new Command("tx", "A transaction with its inputs and outputs (btc) or transfers (eth)") { chain, id, CommonOptions.Json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var data = new DataDirectory(parse.GetValue(CommonOptions.Data)!);
            await using var store = await data.OpenGraphAsync(cancellationToken);
            var result = await new TransactionLookup(store, store).GetAsync(parse.GetValue(chain)!, parse.GetValue(id)!, cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            if (result.Error is { } error)
            {
                return ProblemPrinter.Print(error, parse.InvocationConfiguration.Error);
            }

            if (parse.GetValue(CommonOptions.Json) || result.Value is not BtcTransactionDto btc)
            {
                JsonOutput.Write(output, result.Value!);
            }
            else
            {
                Print(btc, output);
            }

            return 0;
        });
        return command;
    }

    private static void Print(BtcTransactionDto tx, TextWriter output)
    {
        output.WriteLine($"tx        {tx.TxId} (btc{(tx.Coinbase ? ", coinbase" : "")})");
        output.WriteLine($"block     {tx.Block.Height} {tx.Block.Hash} at {tx.Block.Time:yyyy-MM-ddTHH:mm:ssZ}, position {tx.Position}");
        output.WriteLine($"size      {tx.Size} bytes, {tx.VSize} vbytes, fee {tx.Fee ?? "unknown"}");
        output.WriteLine($"inputs    {tx.Inputs.Count}");
        foreach (var input in tx.Inputs)
        {
            var from = input.PrevOut is null ? "coinbase" : $"{input.PrevOut.TxId}:{input.PrevOut.Vout}";
            output.WriteLine($"  #{input.Index} {input.Address ?? "(no address)"} {input.Value ?? "?"} sat [{input.ValueSource}] <- {from}");
        }

        output.WriteLine($"outputs   {tx.Outputs.Count}");
        foreach (var o in tx.Outputs)
        {
            var spent = o.SpentBy is null ? "" : $" -> spent by {o.SpentBy.TxId}:{o.SpentBy.Vout}";
            output.WriteLine($"  #{o.Index} {o.Address ?? "(" + o.Type + ")"} {o.Value} sat{spent}");
        }
    }
}
