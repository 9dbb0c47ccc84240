using System.Diagnostics;

namespace ChainTrace.Cli.Tests.Jobs;

/// <summary>Prometheus's own parser and linter (<c>promtool check metrics</c>, Debian package <c>prometheus</c>) as an independent check of <c>/metrics</c>.</summary>
internal static class Promtool
{
    public static async Task<(int ExitCode, string Output)> CheckMetricsAsync(string exposition)
    {
        var info = new ProcessStartInfo("promtool", ["check", "metrics"]) { RedirectStandardInput = true, RedirectStandardOutput = true, RedirectStandardError = true };
        using var process = Process.Start(info) ?? throw new InvalidOperationException("promtool did not start (apt-get install -y prometheus)");
        await process.StandardInput.WriteAsync(exposition);
        process.StandardInput.Close();
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        return (process.ExitCode, await output + await error);
    }
}
