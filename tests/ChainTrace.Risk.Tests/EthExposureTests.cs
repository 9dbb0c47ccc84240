using System.Text.Json;
using ChainTrace.Cli.Hosting;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Labels;
using ChainTrace.Index.Account;
using ChainTrace.Index.Service;
using ChainTrace.Risk.Exposure;
using ChainTrace.TestSupport;

namespace ChainTrace.Risk.Tests;

/// <summary>
/// Ethereum exposure on the simulator's <c>demo</c> economy (its ETL export ingested and its TagPack imported): the
/// exchanges' deposit addresses that received ether from the labelled hacker show direct hacking exposure of exactly
/// what the read model says the hacker sent them, and value the hacker passed through unlabelled accounts shows up
/// as indirect exposure.
/// </summary>
[Trait("Category", "Integration")]
public sealed class EthExposureTests : IDisposable
{
    private readonly TempDir _temp = new("risk-eth");

    [Fact]
    public async Task DepositAddressesFedByTheFlaggedHacker_ShowItsDirectAndIndirectExposure()
    {
        var sim = _temp.File("sim");
        var data = _temp.File("data");
        await Cli.RunAsync("simulate", "--scenario", "demo", "--seed", "3", "--out", sim, "--fast");
        await Cli.RunAsync("--data", data, "ingest", "eth", "--etl", Path.Combine(sim, "eth", "etl"), "--network", "regtest");
        await Cli.RunAsync("--data", data, "labels", "import", Path.Combine(sim, "labels", "tagpack.yaml"), "--network", "regtest");

        using var index = EthIndex.Open(new ReadModelPaths(data).Eth);
        var labels = await new DataDirectory(new DirectoryInfo(data)).OpenLabelsAsync(CancellationToken.None);
        var seeds = await EthExposurePass.SeedsAsync(labels, index, CancellationToken.None);
        var hacking = ExposureCategories.IndexOf(LabelTaxonomy.ServiceHack);
        Assert.Contains(seeds, s => s == hacking);
        var exposures = EthExposurePass.Run(index, seeds, new ExposureOptions());

        var deposits = File.ReadLines(Path.Combine(sim, "truth", "addresses.jsonl")).Select(l => JsonDocument.Parse(l).RootElement)
            .Where(a => a.GetProperty("chain").GetString() == "eth" && a.GetProperty("role").GetString() == "deposit")
            .Select(a => index.FindAddress(EthAddress.Parse(a.GetProperty("address").GetString()!).Key)).Where(id => id >= 0).ToHashSet();
        Assert.True(deposits.Count > 50, $"{deposits.Count} deposit addresses");

        // Expected direct exposure, straight from the transfers: native ether a hacker-labelled account sent each deposit
        // address, summed exactly (wei above 2^53 do not survive a double: the stored direct amounts must not pass through one).
        var expected = new Dictionary<int, UInt128>();
        for (var t = 0L; t < index.TransferCount; t++)
        {
            var transfer = index.Transfer(t);
            if (transfer.Asset == 0 && transfer.From >= 0 && seeds[transfer.From] == hacking && deposits.Contains(transfer.To))
            {
                expected[transfer.To] = expected.GetValueOrDefault(transfer.To) + transfer.Value;
            }
        }

        Assert.NotEmpty(expected);
        Assert.Contains(expected.Values, v => v > (UInt128)(1UL << 53));
        foreach (var d in deposits)
        {
            var direct = exposures.DirectAmounts[d] is { } exact ? exact[hacking] : UInt128.Zero;
            Assert.Equal(expected.GetValueOrDefault(d), direct);
            var stored = EthRiskRefresh.FactsOf(exposures, d, d).Exposures
                .Where(e => e.Category == ExposureCategories.All[hacking].Id && e.Direction == Core.Risk.ExposureDirection.Incoming && e.Type == Core.Risk.ExposureType.Direct)
                .Select(e => e.Amount).DefaultIfEmpty(UInt128.Zero).Single();
            Assert.Equal(expected.GetValueOrDefault(d), stored);
            var approximate = exposures.Amounts[d] is { } a ? a[hacking] : 0;
            Assert.Equal((double)expected.GetValueOrDefault(d), approximate, (double)expected.GetValueOrDefault(d) * 1e-9);
        }

        var withDirect = expected.Keys.First();
        Assert.InRange(exposures.Share(withDirect, hacking, incoming: true, direct: true), 1e-6, 1.0 + 1e-9);
        Assert.Contains(deposits, d => exposures.Share(d, hacking, incoming: true, direct: false) > 1e-4);

        // Nobody ends up with more than all of its inflow attributed to hacking.
        for (var a = 0; a < index.AddressCount; a++)
        {
            Assert.InRange(exposures.Share(a, hacking, incoming: true, direct: true) + exposures.Share(a, hacking, incoming: true, direct: false), 0, 1.0 + 1e-9);
        }
    }

    public void Dispose() => _temp.Dispose();
}
