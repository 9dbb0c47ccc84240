using System.CommandLine;
using ChainTrace.Api.Contracts;
using ChainTrace.Api.Lookups;
using ChainTrace.Cli.Hosting;
using ChainTrace.Cli.Output;

namespace ChainTrace.Cli.Commands;

public static class AddressCommand
{
    public static Command Build()
    {
        var chain = new Argument<string>("chain") { Description = "btc or eth" };
        var address = new Argument<string>("address") { Description = "The address (canonical or checksummed form)" };
        var command = new Command("address", "Summary of an address: first/last seen, transaction count, totals") { chain, address, CommonOptions.Json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var data = new DataDirectory(parse.GetValue(CommonOptions.Data)!);
            await using var store = await data.OpenGraphAsync(cancellationToken);
            var result = await new AddressLookup(store, store).GetAsync(parse.GetValue(chain)!, parse.GetValue(address)!, cancellationToken);
            var output = parse.InvocationConfiguration.Output;
            if (result.Error is { } error)
            {
                return ProblemPrinter.Print(error, parse.InvocationConfiguration.Error);
            }

            if (parse.GetValue(CommonOptions.Json))
            {
                JsonOutput.Write(output, result.Value!);
            }
            else
            {
                Print(result.Value!, output);
            }

            return 0;
        });
        return command;
    }

    private static void Print(AddressDto dto, TextWriter output)
    {
        output.WriteLine($"address     {dto.Address} ({dto.Chain})");
        output.WriteLine($"first seen  height {dto.FirstSeen.Height} at {dto.FirstSeen.Time:yyyy-MM-ddTHH:mm:ssZ}");
        output.WriteLine($"last seen   height {dto.LastSeen.Height} at {dto.LastSeen.Time:yyyy-MM-ddTHH:mm:ssZ}");
        output.WriteLine($"tx count    {dto.TxCount}");
        foreach (var totals in dto.Totals)
        {
            output.WriteLine($"[{totals.Asset}]");
            output.WriteLine($"  received  {totals.Received}");
            output.WriteLine($"  sent      {totals.Sent}{(totals.UnknownSpends > 0 ? $" (+ {totals.UnknownSpends} spends of unknown value)" : "")}");
            output.WriteLine($"  balance   {totals.Balance ?? "unknown (some spent values are not in the store)"}");
        }
    }
}
