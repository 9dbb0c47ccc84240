using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text;
using System.Text.Json;

namespace ChainTrace.TestSupport.Ethereum;

/// <summary>
/// A real Anvil node on a free loopback port, started for a test (or benchmark) and killed when disposed. The
/// binary comes from <c>ANVIL_PATH</c> or the install of <c>scripts/install-eth-tools.sh</c>; when neither
/// exists, starting fails with a message saying how to install it (tests must not silently skip).
/// </summary>
public sealed class AnvilNode : IAsyncDisposable
{
    private static readonly HttpClient Http = new() { Timeout = TimeSpan.FromSeconds(60) };
    private readonly Process _process;
    private readonly StringBuilder _output = new();
    private long _id;

    private AnvilNode(Process process, Uri endpoint)
    {
        _process = process;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public int Pid => _process.Id;

    public static string FindBinary()
    {
        var fromEnv = Environment.GetEnvironmentVariable("ANVIL_PATH");
        if (!string.IsNullOrEmpty(fromEnv))
        {
            return File.Exists(fromEnv) ? fromEnv : throw new InvalidOperationException($"ANVIL_PATH={fromEnv} does not exist");
        }

        var installed = Path.Combine(SharedData.RepoRoot, "tools", "node", "node_modules", "@foundry-rs", "anvil-linux-amd64", "bin", "anvil");
        return File.Exists(installed)
            ? installed
            : throw new InvalidOperationException($"anvil not found at {installed}: run scripts/install-eth-tools.sh or set ANVIL_PATH");
    }

    public static Task<AnvilNode> StartAsync(CancellationToken cancellationToken, params string[] extraArgs) =>
        StartAsync(FreePort(), cancellationToken, extraArgs);

    /// <summary>Starts on a given port: a node started again after <see cref="StopAsync"/> answers where the old one did.</summary>
    public static async Task<AnvilNode> StartAsync(int port, CancellationToken cancellationToken, params string[] extraArgs)
    {
        var info = new ProcessStartInfo(FindBinary())
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
        };
        foreach (var arg in new[] { "--host", "127.0.0.1", "--port", port.ToString(CultureInfo.InvariantCulture), "--steps-tracing" }.Concat(extraArgs))
        {
            info.ArgumentList.Add(arg);
        }

        var process = Process.Start(info) ?? throw new InvalidOperationException("anvil did not start");
        var node = new AnvilNode(process, new Uri($"http://127.0.0.1:{port}/"));
        process.OutputDataReceived += (_, e) => node.Capture(e.Data);
        process.ErrorDataReceived += (_, e) => node.Capture(e.Data);
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(30);
        while (true)
        {
            try
            {
                await node.CallAsync("eth_chainId", cancellationToken);
                return node;
            }
            catch (HttpRequestException) when (DateTime.UtcNow < deadline && !process.HasExited)
            {
                await Task.Delay(100, cancellationToken);
            }
            catch (Exception e)
            {
                await node.DisposeAsync();
                throw new InvalidOperationException($"anvil did not answer on {node.Endpoint}: {e.Message}; output: {node.Output}", e);
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

    public async Task<JsonElement> CallAsync(string method, CancellationToken cancellationToken, params object[] parameters)
    {
        var body = JsonSerializer.Serialize(new { jsonrpc = "2.0", id = Interlocked.Increment(ref _id), method, @params = parameters });
        using var content = new StringContent(body, Encoding.UTF8, "application/json");
        using var response = await Http.PostAsync(Endpoint, content, cancellationToken);
        response.EnsureSuccessStatusCode();
        using var doc = JsonDocument.Parse(await response.Content.ReadAsStringAsync(cancellationToken));
        if (doc.RootElement.TryGetProperty("error", out var error))
        {
            throw new InvalidOperationException($"anvil {method} failed: {error.GetRawText()}");
        }

        return doc.RootElement.GetProperty("result").Clone();
    }

    public async Task<IReadOnlyList<string>> AccountsAsync(CancellationToken cancellationToken) =>
        (await CallAsync("eth_accounts", cancellationToken)).EnumerateArray().Select(a => a.GetString()!).ToList();

    public Task SetAutomineAsync(bool on, CancellationToken cancellationToken) => CallAsync("evm_setAutomine", cancellationToken, on);

    public Task MineAsync(CancellationToken cancellationToken) => CallAsync("evm_mine", cancellationToken);

    public async Task<long> BlockNumberAsync(CancellationToken cancellationToken) =>
        long.Parse((await CallAsync("eth_blockNumber", cancellationToken)).GetString()![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    /// <summary>eth_sendTransaction from an unlocked dev account; gas is given so nothing is estimated against pending state.</summary>
    public async Task<string> SendAsync(string from, string? to, System.Numerics.BigInteger value, string data, CancellationToken cancellationToken, long gas = 1_000_000)
    {
        var tx = new Dictionary<string, string>
        {
            ["from"] = from,
            ["value"] = "0x" + value.ToString("x", CultureInfo.InvariantCulture).TrimStart('0').PadLeft(1, '0'),
            ["data"] = data,
            ["gas"] = "0x" + gas.ToString("x", CultureInfo.InvariantCulture),
        };
        if (to is not null)
        {
            tx["to"] = to;
        }

        return (await CallAsync("eth_sendTransaction", cancellationToken, tx)).GetString()!;
    }

    public async Task<JsonElement> ReceiptAsync(string txHash, CancellationToken cancellationToken) =>
        await CallAsync("eth_getTransactionReceipt", cancellationToken, txHash);

    public async Task<System.Numerics.BigInteger> BalanceAsync(string address, string block, CancellationToken cancellationToken) =>
        System.Numerics.BigInteger.Parse("0" + (await CallAsync("eth_getBalance", cancellationToken, address, block)).GetString()![2..], NumberStyles.HexNumber, CultureInfo.InvariantCulture);

    public async Task<string> BlockHashAsync(long height, CancellationToken cancellationToken) =>
        (await CallAsync("eth_getBlockByNumber", cancellationToken, "0x" + height.ToString("x", CultureInfo.InvariantCulture), false)).GetProperty("hash").GetString()!;

    private void Capture(string? line)
    {
        if (line is null)
        {
            return;
        }

        lock (_output)
        {
            if (_output.Length < 20_000)
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

    /// <summary>
    /// Stops the node by its PID with SIGTERM (Anvil writes <c>--dump-state</c> on the way out, which SIGKILL would
    /// skip) and waits for it to exit.
    /// </summary>
    public async Task StopAsync()
    {
        if (!_process.HasExited)
        {
            using var kill = Process.Start(new ProcessStartInfo("kill") { ArgumentList = { "-TERM", _process.Id.ToString(CultureInfo.InvariantCulture) } })!;
            await kill.WaitForExitAsync();
        }

        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        await _process.WaitForExitAsync(timeout.Token);
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }

        _process.Dispose();
    }
}
