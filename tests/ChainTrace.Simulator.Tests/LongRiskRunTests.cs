using System.Text.Json;
using ChainTrace.TestSupport;

namespace ChainTrace.Simulator.Tests;

/// <summary>
/// A long <c>risk</c> run (scale 20: 600,000 Ethereum transactions), as the <c>eth-risk-refresh</c> benchmark makes:
/// the mixer's relayer pays more gas for small notes than their fees bring in, and ran dry (the taint ledger stopped
/// the run: "sends … wei holding …"); now it tops up from an exchange when it could not pay two more withdrawals.
/// </summary>
[Trait("Category", "Integration")]
public sealed class LongRiskRunTests : IDisposable
{
    private readonly TempDir _dir = new("sim-long");

    [Fact]
    public async Task AScale20RiskRun_Completes_WithTheRelayerToppedUpFromAnExchange()
    {
        var summary = await Simulator.RunAsync(new SimulationOptions { Scenario = "risk", Seed = 13, Scale = 20, OutDir = _dir.Path, Signed = false }, CancellationToken.None);
        Assert.True(summary.EthereumTransactions >= 600_000, $"{summary.EthereumTransactions} Ethereum transactions");

        var addresses = TruthFiles.Truth(_dir.Path, "addresses.jsonl").Where(a => a.GetProperty("chain").GetString() == "eth").ToList();
        var relayer = addresses.Single(a => a.GetProperty("role").GetString() == "relayer").GetProperty("address").GetString();
        var hotWallets = addresses.Where(a => a.GetProperty("role").GetString() == "hot_wallet").Select(a => a.GetProperty("address").GetString()).ToHashSet();
        var topUps = File.ReadLines(Path.Combine(_dir.Path, "eth", "etl", "transactions.json"))
            .Select(l => JsonDocument.Parse(l).RootElement)
            .Count(t => t.GetProperty("to_address").GetString() == relayer && hotWallets.Contains(t.GetProperty("from_address").GetString()));
        Assert.True(topUps > 0, "the relayer was never topped up");
    }

    public void Dispose() => _dir.Dispose();
}
