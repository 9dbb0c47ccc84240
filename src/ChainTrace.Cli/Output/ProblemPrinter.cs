using ChainTrace.Api.Problems;

namespace ChainTrace.Cli.Output;

public static class ProblemPrinter
{
    /// <summary>Prints the error as the API would describe it; exit code 2 for bad input, 3 for not found.</summary>
    public static int Print(LookupError error, TextWriter writer)
    {
        writer.WriteLine($"error: {error.Detail} [{error.Code}{(error.Reason is null ? "" : "/" + error.Reason)}]");
        return error.Status == 404 ? 3 : 2;
    }
}
