using System.Security.Cryptography;
using ChainTrace.TestSupport;

namespace ChainTrace.Simulator.Tests;

public sealed class DeterminismTests
{
    [Fact]
    public async Task TwoRuns_WithOneSeed_WriteByteIdenticalFiles()
    {
        using var a = new TempDir("det-a");
        using var b = new TempDir("det-b");
        var sa = await Simulator.RunAsync(new SimulationOptions { Scenario = "small", Seed = 9, OutDir = a.Path, Signed = true }, CancellationToken.None);
        var sb = await Simulator.RunAsync(new SimulationOptions { Scenario = "small", Seed = 9, OutDir = b.Path, Signed = true }, CancellationToken.None);
        Assert.Equal(sa.Files, sb.Files);
        Assert.Contains("btc/blocks/blk00000.dat", sa.Files);
        foreach (var f in sa.Files)
        {
            Assert.Equal(Hash(Path.Combine(a.Path, f)), Hash(Path.Combine(b.Path, f)));
        }
    }

    [Fact]
    public async Task FastRun_WithKeysTruthAndSerializationDeferredToTheWriter_MatchesARecordedRunWrittenInStep()
    {
        // A recorded run makes each address's keys and truth line at creation, serializes each transaction as it
        // is committed, and waits for each block. A plain fast run leaves all three to the writer thread, which
        // works on one block while the economy fills the next. The files must not tell them apart.
        using var a = new TempDir("det-r");
        using var b = new TempDir("det-p");
        var recorded = await Simulator.RunAsync(new SimulationOptions { Scenario = "demo", Seed = 13, OutDir = a.Path, Signed = false, RecordTransactions = true }, CancellationToken.None);
        var plain = await Simulator.RunAsync(new SimulationOptions { Scenario = "demo", Seed = 13, OutDir = b.Path, Signed = false }, CancellationToken.None);
        var coinbases = recorded.RecordedBitcoinTransactions!.Where(t => t.IsCoinbase).Select(t => t.TxId).ToHashSet();
        Assert.Contains(recorded.RecordedBitcoinTransactions!, t => t.Inputs.Any(i => coinbases.Contains(i.PrevTxId)));
        Assert.Equal(recorded.Files, plain.Files);
        foreach (var f in recorded.Files)
        {
            Assert.Equal(Hash(Path.Combine(a.Path, f)), Hash(Path.Combine(b.Path, f)));
        }
    }

    [Fact]
    public async Task Runs_WithDifferentSeeds_DifferInBlocksAndTruth()
    {
        using var a = new TempDir("det-c");
        using var b = new TempDir("det-d");
        await Simulator.RunAsync(new SimulationOptions { Scenario = "small", Seed = 1, OutDir = a.Path, Signed = false }, CancellationToken.None);
        await Simulator.RunAsync(new SimulationOptions { Scenario = "small", Seed = 2, OutDir = b.Path, Signed = false }, CancellationToken.None);
        Assert.NotEqual(Hash(Path.Combine(a.Path, "btc/blocks/blk00000.dat")), Hash(Path.Combine(b.Path, "btc/blocks/blk00000.dat")));
        Assert.NotEqual(Hash(Path.Combine(a.Path, "truth/addresses.jsonl")), Hash(Path.Combine(b.Path, "truth/addresses.jsonl")));
    }

    [Fact]
    public async Task Manifest_ListsTheSha256OfEveryFileWritten()
    {
        using var dir = new TempDir("det-m");
        var summary = await Simulator.RunAsync(new SimulationOptions { Scenario = "small", Seed = 5, OutDir = dir.Path, Signed = false }, CancellationToken.None);
        using var manifest = System.Text.Json.JsonDocument.Parse(File.ReadAllText(dir.File("manifest.json")));
        var files = manifest.RootElement.GetProperty("files").EnumerateArray().ToList();
        Assert.Equal(summary.Files.Count - 1, files.Count);
        foreach (var f in files)
        {
            Assert.Equal(f.GetProperty("sha256").GetString(), Hash(Path.Combine(dir.Path, f.GetProperty("path").GetString()!)));
        }

        Assert.Equal(summary.BitcoinTransactions, manifest.RootElement.GetProperty("counts").GetProperty("btc_transactions").GetInt64());
    }

    /// <summary>
    /// "Same seed, same bytes" across commits, not only within one build: the manifest lists the SHA-256 of every
    /// file, so its own hash pins them all. A change that alters the output on purpose updates this constant and
    /// says so in its commit; any other change must leave it alone.
    /// </summary>
    [Fact]
    public async Task Manifest_OfSmallWithSeed5_HasThePinnedHash()
    {
        using var dir = new TempDir("det-p");
        await Simulator.RunAsync(new SimulationOptions { Scenario = "small", Seed = 5, OutDir = dir.Path, Signed = false }, CancellationToken.None);
        Assert.Equal(PinnedSmallSeed5Manifest, Hash(dir.File("manifest.json")));
    }

    private const string PinnedSmallSeed5Manifest = "914464f0de59c4aaa5c8275f6015bf616d58ee892fe5b421373a8d3c9ccfca43";

    [Fact]
    public async Task UnknownScenario_IsRejectedWithTheKnownNames()
    {
        using var dir = new TempDir("det-u");
        var e = await Assert.ThrowsAsync<ArgumentException>(() => Simulator.RunAsync(new SimulationOptions { Scenario = "tiny", OutDir = dir.Path }, CancellationToken.None));
        Assert.Contains("ransomware-to-exchange", e.Message);
    }

    private static string Hash(string path) => Convert.ToHexStringLower(SHA256.HashData(File.ReadAllBytes(path)));
}
