using ChainTrace.TestSupport;
using NBitcoin;

namespace ChainTrace.Cli.Tests;

/// <summary>
/// Loose raw blocks and a chain source share one store (issue 8 item 1): a reorg of the chain removes the branch it
/// replaces, not a loose block stored above it, which belongs to no branch.
/// </summary>
public sealed class LooseBlockReorgTests : IDisposable
{
    private readonly TempDir _temp = new("loose-reorg");

    public void Dispose() => _temp.Dispose();

    [Fact]
    public async Task Reorg_BelowALooseRawBlock_KeepsTheLooseBlock_AsIfTheBranchHadComeFirst()
    {
        var builder = new RegtestChainBuilder(seed: 11);
        var common = builder.Extend(RegtestChainBuilder.Genesis, 1, 10, txPerBlock: 2);
        var branchA = builder.Extend(common[^1], 11, 5, txPerBlock: 2, tag: "a");
        var branchB = new RegtestChainBuilder(seed: 12).Extend(common[^1], 11, 8, txPerBlock: 0, tag: "b");
        var loose = new RegtestChainBuilder(seed: 13).Extend(RegtestChainBuilder.Genesis, 1, 100, txPerBlock: 0, tag: "loose")[^1];
        var dirA = _temp.File("a");
        var dirB = _temp.File("b");
        RegtestChainBuilder.WriteBlocksDir(dirA, [RegtestChainBuilder.Genesis, .. common, .. branchA]);
        RegtestChainBuilder.WriteBlocksDir(dirB, [RegtestChainBuilder.Genesis, .. common, .. branchB]);
        var raw = _temp.File("loose.raw");
        await File.WriteAllBytesAsync(raw, loose.ToBytes());
        string[] looseArgs = ["--raw", raw, "--start-height", "100", "--network", "regtest"];

        var data = _temp.File("data");
        await IngestAsync(data, "--blocks-dir", dirA);
        await IngestAsync(data, looseArgs);
        var reorg = await IngestAsync(data, "--blocks-dir", dirB);

        var reference = _temp.File("reference");
        await IngestAsync(reference, "--blocks-dir", dirB);
        await IngestAsync(reference, looseArgs);
        Assert.Contains("1 reorgs (5 blocks rolled back)", reorg, StringComparison.Ordinal);
        Assert.Equal(await StoreDigest.ComputeAsync(reference), await StoreDigest.ComputeAsync(data));
    }

    private static async Task<string> IngestAsync(string data, params string[] source)
    {
        var result = await CliRunner.RunAsync(["ingest", "btc", .. source, "--data", data, "--no-cluster"]);
        Assert.True(result.ExitCode == 0, result.Error);
        return result.Output;
    }
}
