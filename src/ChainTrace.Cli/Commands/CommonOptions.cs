using System.CommandLine;

namespace ChainTrace.Cli.Commands;

public static class CommonOptions
{
    public static Option<DirectoryInfo> Data { get; } = new("--data")
    {
        Description = "Directory of the embedded store (SQLite files)",
        DefaultValueFactory = _ => new DirectoryInfo("./data"),
        Recursive = true,
    };

    public static Option<bool> Json { get; } = new("--json")
    {
        Description = "Print the answer as JSON (the API's shape)",
    };
}
