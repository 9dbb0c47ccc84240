using System.Diagnostics;

namespace ChainTrace.Benchmarks.Api;

/// <summary>Runs <c>wrk</c> (2 threads, <c>--latency</c>) and returns what it printed; see <see cref="WrkResult.Parse"/>.</summary>
public static class Wrk
{
    /// <param name="script">A wrk Lua script (e.g. one picking a random path per request), or null.</param>
    public static async Task<string> RunAsync(string url, string? key, int seconds, int connections, CancellationToken cancellationToken, string? script = null)
    {
        var info = new ProcessStartInfo("wrk") { RedirectStandardOutput = true, RedirectStandardError = true };
        foreach (var arg in new[] { "-t2", $"-c{connections}", $"-d{seconds}s", "--latency" })
        {
            info.ArgumentList.Add(arg);
        }

        if (key is not null)
        {
            info.ArgumentList.Add("-H");
            info.ArgumentList.Add($"X-Api-Key: {key}");
        }

        if (script is not null)
        {
            info.ArgumentList.Add("-s");
            info.ArgumentList.Add(script);
        }

        info.ArgumentList.Add(url);
        Process wrk;
        try
        {
            wrk = Process.Start(info)!;
        }
        catch (System.ComponentModel.Win32Exception)
        {
            throw new InvalidOperationException("wrk is not installed: apt-get install -y wrk");
        }

        using (wrk)
        {
            var output = await wrk.StandardOutput.ReadToEndAsync(cancellationToken);
            await wrk.WaitForExitAsync(cancellationToken);
            return output;
        }
    }
}
