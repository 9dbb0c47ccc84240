using System.CommandLine;
using ChainTrace.Api.Problems;
using ChainTrace.Cli.Hosting;
using ChainTrace.Cli.Output;
using ChainTrace.Storage.Sqlite;

namespace ChainTrace.Cli.Commands;

/// <summary>
/// The shape every query command shares: <c>NAME CHAIN ID [--json]</c>, answered by the same lookup the API
/// uses, printed as text or as the API's JSON, with the API's error codes.
/// </summary>
internal static class LookupCommand
{
    public static Command Build<T>(
        string name,
        string description,
        Argument<string> id,
        Func<SqliteGraphStore, string, string, CancellationToken, Task<LookupResult<T>>> lookup,
        Func<T, TextWriter, bool> printText)
        where T : class
    {
        var chain = new Argument<string>("chain") { Description = "btc or eth" };
        var command = new Command(name, description) { chain, id, CommonOptions.Json };
        command.SetAction(async (parse, cancellationToken) =>
        {
            var data = new DataDirectory(parse.GetValue(CommonOptions.Data)!);
            if (!data.HasGraph)
            {
                // A question must not create an empty store where none was: say there is nothing there instead.
                return ProblemPrinter.Print(
                    new LookupError(404, ProblemCodes.NoStore, "No store", $"there is no store in {data.Path} (no graph.db): ingest first, or pass --data DIR"),
                    parse.InvocationConfiguration.Error);
            }

            await using var store = await data.OpenGraphAsync(cancellationToken);
            var result = await lookup(store, parse.GetValue(chain)!, parse.GetValue(id)!, cancellationToken);
            if (result.Error is { } error)
            {
                return ProblemPrinter.Print(error, parse.InvocationConfiguration.Error);
            }

            var output = parse.InvocationConfiguration.Output;
            if (parse.GetValue(CommonOptions.Json) || !printText(result.Value!, output))
            {
                JsonOutput.Write(output, result.Value!);
            }

            return 0;
        });
        return command;
    }
}
