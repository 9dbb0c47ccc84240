using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace ChainTrace.TestSupport;

/// <summary>
/// <c>chaintrace serve</c> as a real child process on a free port, with its output captured. The test project must
/// reference <c>ChainTrace.Cli</c> so that <c>chaintrace.dll</c> is in its output directory.
/// </summary>
public sealed class ServeProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private ServeProcess(Process process, Uri baseAddress)
    {
        _process = process;
        BaseAddress = baseAddress;
    }

    public Uri BaseAddress { get; }

    public int Id => _process.Id;

    public string Output
    {
        get
        {
            lock (_output)
            {
                return _output.ToString();
            }
        }
    }

    /// <summary>Starts serve on <paramref name="data"/> and waits until <c>/health</c> answers and the start-up lines are out.</summary>
    public static async Task<ServeProcess> StartAsync(string data, bool demo = false, IReadOnlyDictionary<string, string>? environment = null, TimeSpan? timeout = null, params string[] arguments)
    {
        var port = FreePort();
        var info = new ProcessStartInfo("dotnet")
        {
            ArgumentList = { Path.Combine(AppContext.BaseDirectory, "chaintrace.dll"), "serve", "--data", data, "--urls", $"http://127.0.0.1:{port}" },
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        if (!demo)
        {
            info.ArgumentList.Add("--no-demo");
        }

        foreach (var argument in arguments)
        {
            info.ArgumentList.Add(argument);
        }

        foreach (var (name, value) in environment ?? new Dictionary<string, string>())
        {
            info.Environment[name] = value;
        }

        var serve = new ServeProcess(Process.Start(info)!, new Uri($"http://127.0.0.1:{port}"));
        serve._process.OutputDataReceived += (_, e) => serve.Append(e.Data);
        serve._process.ErrorDataReceived += (_, e) => serve.Append(e.Data);
        serve._process.BeginOutputReadLine();
        serve._process.BeginErrorReadLine();
        try
        {
            await serve.WaitReadyAsync(timeout ?? TimeSpan.FromMinutes(4));
            return serve;
        }
        catch
        {
            await serve.DisposeAsync();
            throw;
        }
    }

    public HttpClient Client(string? key = null)
    {
        var http = new HttpClient { BaseAddress = BaseAddress };
        if (key is not null)
        {
            http.DefaultRequestHeaders.Add("X-Api-Key", key);
        }

        return http;
    }

    /// <summary>SIGKILL: no shutdown hooks, no flush, no checkpoint.</summary>
    public async Task KillAsync()
    {
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            await KillAsync();
        }

        _process.Dispose();
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    private void Append(string? line)
    {
        lock (_output)
        {
            _output.AppendLine(line);
        }
    }

    private async Task WaitReadyAsync(TimeSpan timeout)
    {
        using var http = Client();
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited)
            {
                throw new InvalidOperationException("serve exited early:\n" + Output);
            }
            try
            {
                using var health = JsonDocument.Parse(await http.GetStringAsync("/health"));
                if (Output.Contains("listening on ", StringComparison.Ordinal))
                {
                    return;
                }
            }
            catch (HttpRequestException)
            {
            }

            await Task.Delay(300);
        }

        throw new TimeoutException($"serve did not answer /health within {timeout}:\n" + Output);
    }
}
