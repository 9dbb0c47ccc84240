using System.Diagnostics;
using ChainTrace.TestSupport;

namespace ChainTrace.Cli.Tests;

/// <summary>Bad arguments fail at parse time (exit 1) with a message naming the option; they are never "bad block data".</summary>
public sealed class BadArgumentTests : IDisposable
{
    private readonly TempDir _temp = new("bad-args");

    public void Dispose() => _temp.Dispose();

    private string Data => _temp.File("data");

    [Theory]
    [InlineData("btc", "--start-height", "abc", "--start-height: 'abc' is not a block height")]
    [InlineData("btc", "--start-height", "-1", "--start-height: '-1' is not a block height")]
    [InlineData("btc", "--from", "x1", "--from: 'x1' is not a block height")]
    [InlineData("eth", "--confirmations", "-3", "--confirmations: '-3' is not a whole number from 0 to 1000")]
    [InlineData("eth", "--max-concurrent-requests", "0", "--max-concurrent-requests: '0' is not a whole number from 1 to 64")]
    [InlineData("eth", "--finality-depth", "0", "--finality-depth: '0' is not a whole number from 1 to 100000")]
    [InlineData("btc", "--network", "moon", "unknown network 'moon'")]
    public async Task OutOfRangeOrUnparsableOption_IsAParseError(string chain, string option, string value, string message)
    {
        string[] source = chain == "btc" ? ["--raw", MainnetFiles.Raw("block_277647.blk")] : ["--rpc", "http://127.0.0.1:9/"];

        var result = await CliRunner.RunAsync(["ingest", chain, .. source, option, value, "--data", Data]);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains(message, result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("System.", result.Error, StringComparison.Ordinal);
        Assert.False(File.Exists(Path.Combine(Data, "graph.db")), "nothing may be opened before the arguments are valid");
    }

    [Fact]
    public async Task FromAboveTo_IsAParseError()
    {
        var result = await CliRunner.RunAsync("ingest", "btc", "--raw", MainnetFiles.Raw("block_277647.blk"), "--from", "9", "--to", "3", "--data", Data);

        Assert.Equal(1, result.ExitCode);
        Assert.Contains("--from 9 is above --to 3", result.Error, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("missing", "does not exist")]
    [InlineData("fifo", "is a FIFO (named pipe), not a regular file")]
    [InlineData("/dev/zero", "is a character device, not a regular file")]
    public async Task RawInputThatIsNotARegularFile_IsRefusedAtOnce(string kind, string message)
    {
        var path = kind.StartsWith('/') ? kind : _temp.File(kind + ".raw");
        if (kind == "fifo")
        {
            using var mkfifo = Process.Start("mkfifo", path)!;
            await mkfifo.WaitForExitAsync();
        }

        var run = CliRunner.RunAsync("ingest", "btc", "--raw", path, "--data", Data);
        var finished = await Task.WhenAny(run, Task.Delay(TimeSpan.FromSeconds(30)));

        Assert.Same(run, finished);
        var result = await run;
        Assert.Equal(1, result.ExitCode);
        Assert.Contains($"{path} {message}", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("nothing of the bad block", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task SimulatorBlocksDir_IngestsWithoutNetworkOption_AsRegtest()
    {
        var sim = _temp.File("sim");
        Assert.Equal(0, (await CliRunner.RunAsync("simulate", "--scenario", "small", "--seed", "2", "--out", sim)).ExitCode);

        var result = await CliRunner.RunAsync("ingest", "btc", "--blocks-dir", Path.Combine(sim, "btc", "blocks"), "--data", Data);
        var mainnet = await CliRunner.RunAsync("ingest", "btc", "--blocks-dir", Path.Combine(sim, "btc", "blocks"), "--network", "main", "--data", _temp.File("other"));

        Assert.Equal(0, result.ExitCode);
        Assert.Contains("blocks written", result.Output, StringComparison.Ordinal);
        Assert.Equal(2, mainnet.ExitCode);
        Assert.Contains("block frame of network regtest, but --network main was given", mainnet.Error, StringComparison.Ordinal);
    }
}
