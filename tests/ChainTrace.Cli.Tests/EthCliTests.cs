using System.Text.Json;
using ChainTrace.TestSupport;

namespace ChainTrace.Cli.Tests;

/// <summary>Ethereum through the CLI: the simulator's blockchain-etl export in, addresses and transfers out.</summary>
public sealed class EthCliTests : IDisposable
{
    private readonly TempDir _temp = new("eth-cli");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task IngestEtlExport_ThenTxAndAddress_ShowTransfersAndTotals()
    {
        var sim = _temp.File("sim");
        var data = _temp.File("data");
        Assert.Equal(0, (await CliRunner.RunAsync("simulate", "--scenario", "small", "--seed", "5", "--out", sim)).ExitCode);
        var etl = Path.Combine(sim, "eth", "etl");

        var ingest = await CliRunner.RunAsync("ingest", "eth", "--etl", etl, "--network", "regtest", "--data", data);
        Assert.Equal(0, ingest.ExitCode);
        var blocks = File.ReadLines(Path.Combine(etl, "blocks.json")).Count();
        Assert.Contains($"{blocks} blocks written", ingest.Output, StringComparison.Ordinal);

        // A token transfer from the export must be among the stored transfers of its transaction.
        using var tokenTransfer = JsonDocument.Parse(File.ReadLines(Path.Combine(etl, "token_transfers.json")).First());
        var hash = tokenTransfer.RootElement.GetProperty("transaction_hash").GetString()!;
        var tx = await CliRunner.RunAsync("tx", "eth", hash, "--data", data);
        Assert.Equal(0, tx.ExitCode);
        using (var json = JsonDocument.Parse(tx.Output))
        {
            var token = json.RootElement.GetProperty("transfers").EnumerateArray().Single(t => t.GetProperty("kind").GetString() == "token");
            Assert.Equal(tokenTransfer.RootElement.GetProperty("from_address").GetString(), token.GetProperty("from").GetString());
            Assert.Equal(tokenTransfer.RootElement.GetProperty("to_address").GetString(), token.GetProperty("to").GetString());
            Assert.Equal(tokenTransfer.RootElement.GetProperty("value").ToString(), token.GetProperty("value").GetString());
            Assert.Equal("eth:" + tokenTransfer.RootElement.GetProperty("token_address").GetString(), token.GetProperty("asset").GetString());
        }

        var recipient = tokenTransfer.RootElement.GetProperty("to_address").GetString()!;
        var address = await CliRunner.RunAsync("address", "eth", recipient, "--json", "--data", data);
        Assert.Equal(0, address.ExitCode);
        using (var json = JsonDocument.Parse(address.Output))
        {
            Assert.Contains(json.RootElement.GetProperty("totals").EnumerateArray(), t => t.GetProperty("asset").GetString()!.StartsWith("eth:0x", StringComparison.Ordinal));
        }

        var before = await StoreDigest.ComputeAsync(data);
        var again = await CliRunner.RunAsync("ingest", "eth", "--etl", etl, "--network", "regtest", "--data", data);
        Assert.Contains("0 blocks written", again.Output, StringComparison.Ordinal);
        Assert.Equal(before, await StoreDigest.ComputeAsync(data));
    }

    [Theory]
    [InlineData("address", "0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", 2, "invalid-address/bad-checksum")]
    [InlineData("address", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1bea", 2, "invalid-address/bad-length")]
    [InlineData("tx", "0x1234", 2, "invalid-hash")]
    [InlineData("address", "0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", 3, "not-found")]
    public async Task BadEthInput_GivesStableCode(string command, string argument, int exitCode, string code)
    {
        var sim = _temp.File("sim");
        await CliRunner.RunAsync("simulate", "--scenario", "small", "--seed", "5", "--out", sim);
        await CliRunner.RunAsync("ingest", "eth", "--etl", Path.Combine(sim, "eth", "etl"), "--network", "regtest", "--data", _temp.File("data"));

        var result = await CliRunner.RunAsync(command, "eth", argument, "--data", _temp.File("data"));

        Assert.Equal(exitCode, result.ExitCode);
        Assert.Contains($"[{code}]", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestEth_UnreachableNode_FailsClearly_WithoutWriting()
    {
        var result = await CliRunner.RunAsync("ingest", "eth", "--rpc", "http://127.0.0.1:9/", "--data", _temp.File("data"));

        Assert.Equal(4, result.ExitCode);
        Assert.Contains("127.0.0.1:9", result.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task IngestEtlExport_WithoutTraces_SaysItsInternalTransfersAreUnknown_InTheOutputAndEachTransaction()
    {
        var sim = _temp.File("sim-untraced");
        var data = _temp.File("data-untraced");
        Assert.Equal(0, (await CliRunner.RunAsync("simulate", "--scenario", "small", "--seed", "6", "--out", sim)).ExitCode);
        var etl = Path.Combine(sim, "eth", "etl");
        File.Delete(Path.Combine(etl, "traces.json"));

        var ingest = await CliRunner.RunAsync("ingest", "eth", "--etl", etl, "--network", "regtest", "--data", data);

        Assert.Equal(0, ingest.ExitCode);
        var blocks = File.ReadLines(Path.Combine(etl, "blocks.json")).Count();
        Assert.Contains($"{blocks} blocks without traces", ingest.Output, StringComparison.Ordinal);
        using var first = JsonDocument.Parse(File.ReadLines(Path.Combine(etl, "transactions.json")).First());
        var tx = await CliRunner.RunAsync("tx", "eth", first.RootElement.GetProperty("hash").GetString()!, "--json", "--data", data);
        using var json = JsonDocument.Parse(tx.Output);
        Assert.False(json.RootElement.GetProperty("tracesAvailable").GetBoolean());
    }
}
