using ChainTrace.Cli;

namespace ChainTrace.Risk.Tests;

/// <summary>Runs the real command tree in-process and fails the test with its error output when a step fails.</summary>
internal static class Cli
{
    public static async Task<string> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        Assert.True(code == 0, $"chaintrace {string.Join(' ', args)} exited {code}: {error}");
        return output.ToString();
    }
}
