using ChainTrace.Cli;

namespace ChainTrace.Cli.Tests;

/// <summary>Runs the real command tree in-process, capturing what a user would see.</summary>
internal static class CliRunner
{
    public static async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
