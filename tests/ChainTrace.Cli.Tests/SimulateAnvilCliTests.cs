using ChainTrace.TestSupport;
using ChainTrace.TestSupport.Ethereum;

namespace ChainTrace.Cli.Tests;

/// <summary>Simulator → real Anvil node → ChainTrace's JSON-RPC ingestion, all through the CLI.</summary>
[Trait("Category", "Integration")]
public sealed class SimulateAnvilCliTests : IDisposable
{
    private readonly TempDir _temp = new("sim-anvil");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task SimulateWithAnvil_ThenIngestEthRpc_StoresEveryReplayedTransaction()
    {
        await using var anvil = await AnvilNode.StartAsync(CancellationToken.None);
        var sim = _temp.File("sim");

        var simulate = await CliRunner.RunAsync("simulate", "--scenario", "small", "--seed", "3", "--out", sim, "--anvil", anvil.Endpoint.ToString());
        Assert.Equal(0, simulate.ExitCode);
        Assert.Contains("replayed onto Anvil", simulate.Output, StringComparison.Ordinal);
        Assert.True(File.Exists(Path.Combine(sim, "eth", "replay.json")));

        var etlTransactions = File.ReadLines(Path.Combine(sim, "eth", "etl", "transactions.json")).Count();
        var ingest = await CliRunner.RunAsync("ingest", "eth", "--rpc", anvil.Endpoint.ToString(), "--network", "regtest", "--data", _temp.File("data"));

        Assert.Equal(0, ingest.ExitCode);
        Assert.Contains($" {etlTransactions} tx,", ingest.Output, StringComparison.Ordinal);
        Assert.Contains("internal", ingest.Output, StringComparison.Ordinal);
    }
}
