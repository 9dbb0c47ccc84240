using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using ChainTrace.TestSupport;
using Nethereum.Web3;

namespace ChainTrace.Simulator.Tests.Anvil;

/// <summary>
/// A fresh Anvil node on a free loopback port, killed by its PID when disposed. The binary is <c>ANVIL_PATH</c>
/// or <c>tools/node/node_modules/.bin/anvil</c> under the repository root (scripts/install-eth-tools.sh puts it
/// there); without either, starting throws, so the tests fail rather than skip.
/// </summary>
internal sealed class AnvilProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly StringBuilder _output = new();

    private AnvilProcess(Process process, Uri rpc)
    {
        _process = process;
        Rpc = rpc;
    }

    public Uri Rpc { get; }

    public int Pid => _process.Id;

    public static string FindBinary()
    {
        var fromEnv = Environment.GetEnvironmentVariable("ANVIL_PATH");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return File.Exists(fromEnv) ? fromEnv : throw new InvalidOperationException($"ANVIL_PATH={fromEnv} does not exist");
        }

        var installed = Path.Combine(SharedData.RepoRoot, "tools", "node", "node_modules", ".bin", "anvil");
        return File.Exists(installed)
            ? installed
            : throw new InvalidOperationException($"anvil not found at {installed}: run scripts/install-eth-tools.sh or set ANVIL_PATH to the anvil binary");
    }

    public static async Task<AnvilProcess> StartAsync(CancellationToken cancellationToken)
    {
        var port = FreePort();
        var info = new ProcessStartInfo(FindBinary())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--accounts", "1" })
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException($"{info.FileName} did not start");
        var node = new AnvilProcess(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => node.Capture(e.Data);
        process.ErrorDataReceived += (_, e) => node.Capture(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var web3 = new Web3(node.Rpc.ToString());
        for (var attempt = 0; ; attempt++)
        {
            try
            {
                await web3.Eth.ChainId.SendRequestAsync();
                return node;
            }
            catch (Exception) when (attempt < 300 && !process.HasExited)
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (Exception e)
            {
                var output = node.Output;
                await node.DisposeAsync();
                throw new InvalidOperationException($"anvil did not answer on {node.Rpc}: {e.Message}; output: {output}", e);
            }
        }
    }

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

    private void Capture(string? line)
    {
        lock (_output)
        {
            if (line is not null && _output.Length < 20_000)
            {
                _output.AppendLine(line);
            }
        }
    }

    private static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        // The npm launcher is a node script that starts the real binary: the whole tree under our PID goes.
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
