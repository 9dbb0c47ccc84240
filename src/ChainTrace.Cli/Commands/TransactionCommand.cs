using System.CommandLine;
using ChainTrace.Api.Contracts;
using ChainTrace.Api.Lookups;
using ChainTrace.Cli.Hosting;

namespace ChainTrace.Cli.Commands;

public static class TransactionCommand
{
    public static Command Build() => LookupCommand.Build<object>(
        "tx",
        "A transaction with its inputs and outputs (btc) or transfers (eth)",
        new Argument<string>("txid") { Description = "Transaction id / hash" },
        async (store, chain, id, cancellationToken) =>
        {
            using var clusters = DataDirectory.Of(store).OpenClusters(store);
            return await new TransactionLookup(store, store, clusters).GetAsync(chain, id, cancellationToken);
        },
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

        output.WriteLine($"coinjoin  {(tx.CoinJoin is { } c ? $"{c.Detector} (confidence {c.Confidence}{(c.ExcludesCoSpend ? ", inputs not merged" : "")})" : "none detected")}");
        output.WriteLine($"change    {(tx.Change is { } ch ? $"output #{ch.OutputIndex} ({ch.Heuristic}, confidence {ch.Confidence})" : "none detected")}");
        return true;
    }
}
