using System.CommandLine;
using ChainTrace.Api.Contracts;
using ChainTrace.Api.Lookups;

namespace ChainTrace.Cli.Commands;

public static class AddressCommand
{
    public static Command Build() => LookupCommand.Build<AddressDto>(
        "address",
        "Summary of an address: first/last seen, transaction count, totals",
        new Argument<string>("address") { Description = "The address (canonical or checksummed form)" },
        (store, chain, address, cancellationToken) => new AddressLookup(store, store).GetAsync(chain, address, cancellationToken),
        Print);

    private static bool Print(AddressDto dto, TextWriter output)
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

        return true;
    }
}
