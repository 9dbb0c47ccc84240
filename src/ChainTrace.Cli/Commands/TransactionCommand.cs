using System.CommandLine;
using ChainTrace.Api.Contracts;
using ChainTrace.Api.Lookups;

namespace ChainTrace.Cli.Commands;

public static class TransactionCommand
{
    public static Command Build() => LookupCommand.Build<object>(
        "tx",
        "A transaction with its inputs and outputs (btc) or transfers (eth)",
        new Argument<string>("txid") { Description = "Transaction id / hash" },
        (store, chain, id, cancellationToken) => new TransactionLookup(store, store).GetAsync(chain, id, cancellationToken),
        (tx, output) => tx is BtcTransactionDto btc && Print(btc, output));

    private static bool Print(BtcTransactionDto tx, TextWriter output)
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

        return true;
    }
}
