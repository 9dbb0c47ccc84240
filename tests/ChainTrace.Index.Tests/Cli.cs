using ChainTrace.Cli;

namespace ChainTrace.Index.Tests;

/// <summary>Runs the real command tree in-process and fails the test on a non-zero exit, with what the user would have seen.</summary>
internal static class Cli
{
    public static async Task<string> RunAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        Assert.True(code == 0, $"chaintrace {string.Join(' ', args)} exited {code}: {error}{output}");
        return output.ToString();
    }

    public static async Task<(int Code, string Output, string Error)> TryAsync(params string[] args)
    {
        using var output = new StringWriter();
        using var error = new StringWriter();
        var code = await CliApp.RunAsync(args, output, error);
        return (code, output.ToString(), error.ToString());
    }
}
