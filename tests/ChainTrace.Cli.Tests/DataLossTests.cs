using ChainTrace.TestSupport;

namespace ChainTrace.Cli.Tests;

/// <summary>
/// A source that lacks blocks the store holds is not a reorg: each case of issue 8 item 1 on real mainnet blocks
/// (and the simulator's ETL export). Before the fix every one of them deleted stored blocks.
/// </summary>
public sealed class DataLossTests : IDisposable
{
    private const string Tip599 = "tip 599 0000000042844571bc6bce8e1c0fbec99466971eaff89fef8c0d123582181d4d";
    private readonly TempDir _temp = new("data-loss");

    public void Dispose() => _temp.Dispose();

    private string Data => _temp.File("data");

    [Theory]
    [InlineData("empty")]
    [InlineData("missing")]
    [InlineData("regtest")]
    public async Task EmptyOrWrongBlocksDir_DeletesNothing(string kind)
    {
        await IngestBlocksAsync(OnlyFile(0));
        var before = await StoreDigest.ComputeAsync(Data);
        var dir = _temp.File(kind);
        if (kind == "empty")
        {
            Directory.CreateDirectory(dir);
        }
        else if (kind == "regtest")
        {
            var builder = new RegtestChainBuilder(seed: 3);
            RegtestChainBuilder.WriteBlocksDir(dir, [RegtestChainBuilder.Genesis, .. builder.Extend(RegtestChainBuilder.Genesis, 1, 20, txPerBlock: 1)]);
        }

        var result = await CliRunner.RunAsync("ingest", "btc", "--blocks-dir", dir, "--data", Data);

        Assert.NotEqual(0, result.ExitCode);
        Assert.DoesNotContain("rolled back", result.Output + result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("internal error", result.Error, StringComparison.Ordinal);
        Assert.Contains(dir, result.Error, StringComparison.Ordinal);
        Assert.Equal(before, await StoreDigest.ComputeAsync(Data));
    }

    [Fact]
    public async Task BlocksDirStartingAboveTheStoredTip_ExtendsTheStore()
    {
        await IngestBlocksAsync(OnlyFile(0));

        var second = await CliRunner.RunAsync("ingest", "btc", "--blocks-dir", OnlyFile(1), "--start-height", "300", "--data", Data);

        Assert.Equal(0, second.ExitCode);
        Assert.Contains("300 blocks written, 0 already stored", second.Output, StringComparison.Ordinal);
        Assert.Contains("0 reorgs (0 blocks rolled back)", second.Output, StringComparison.Ordinal);
        Assert.Contains(Tip599, second.Output, StringComparison.Ordinal);
        Assert.Equal(await ReferenceDigestAsync(), await StoreDigest.ComputeAsync(Data));
    }

    [Fact]
    public async Task BlocksDirEndingBelowTheStoredTip_DeletesNothing()
    {
        await IngestBlocksAsync(MainnetFiles.BlocksDir(_temp));
        var before = await StoreDigest.ComputeAsync(Data);

        var behind = await CliRunner.RunAsync("ingest", "btc", "--blocks-dir", OnlyFile(0), "--data", Data);

        Assert.Equal(0, behind.ExitCode);
        Assert.Contains("0 blocks written", behind.Output, StringComparison.Ordinal);
        Assert.Contains("0 reorgs (0 blocks rolled back)", behind.Output, StringComparison.Ordinal);
        Assert.Contains("ends at 299, below the stored tip", behind.Error, StringComparison.Ordinal);
        Assert.Equal(before, await StoreDigest.ComputeAsync(Data));
    }

    [Fact]
    public async Task BlocksDirStartingAboveAGap_IsRefusedWithoutChange()
    {
        await IngestBlocksAsync(OnlyFile(0));
        var before = await StoreDigest.ComputeAsync(Data);

        var gap = await CliRunner.RunAsync("ingest", "btc", "--blocks-dir", OnlyFile(1), "--start-height", "400", "--data", Data);

        Assert.Equal(5, gap.ExitCode);
        Assert.Contains("blocks 300..399 are missing", gap.Error, StringComparison.Ordinal);
        Assert.Equal(before, await StoreDigest.ComputeAsync(Data));
    }

    [Fact]
    public async Task LooseRawBlock_ThenBlocksDir_BothStay()
    {
        var raw = await CliRunner.RunAsync("ingest", "btc", "--raw", MainnetFiles.Raw("block_363703.raw"), "--data", Data);
        Assert.Equal(0, raw.ExitCode);

        var chain = await CliRunner.RunAsync("ingest", "btc", "--blocks-dir", MainnetFiles.BlocksDir(_temp), "--data", Data);
        var again = await CliRunner.RunAsync("ingest", "btc", "--blocks-dir", MainnetFiles.BlocksDir(new TempDir()), "--data", Data);

        Assert.Equal(0, chain.ExitCode);
        Assert.Contains("600 blocks written", chain.Output, StringComparison.Ordinal);
        Assert.Contains("0 reorgs (0 blocks rolled back)", chain.Output, StringComparison.Ordinal);
        Assert.Contains("0 blocks written", again.Output, StringComparison.Ordinal);
        Assert.Contains("0 reorgs", again.Output, StringComparison.Ordinal);
        // The loose block is still there, and so is the chain below it.
        var loose = await CliRunner.RunAsync("tx", "btc", "ef88e393ab0f106b107fbc457450fa5fe95fb2b7c36d9068de7394fefe46dfb2", "--data", Data);
        var early = await CliRunner.RunAsync("tx", "btc", "f4184fc596403b9d638783cf57adfe4c75c605f6356fbc91338530e9831e9e16", "--data", Data);
        Assert.Equal(0, loose.ExitCode);
        Assert.Contains("block     363703 0000000000000000011b2a4cb91b63886ffe0d2263fd17ac5a9b902a219e0a14", loose.Output, StringComparison.Ordinal);
        Assert.Equal(0, early.ExitCode);
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task TwoChunksOfOneEtlExport_IngestOneAfterTheOther_LikeTheWholeExport(bool withFrom)
    {
        var sim = _temp.File("sim");
        Assert.Equal(0, (await CliRunner.RunAsync("simulate", "--scenario", "small", "--seed", "5", "--out", sim)).ExitCode);
        var export = Path.Combine(sim, "eth", "etl");
        var (low, high) = EtlChunks.Split(export, 16, _temp.File("chunks"));
        var whole = _temp.File("whole");
        Assert.Equal(0, (await CliRunner.RunAsync("ingest", "eth", "--etl", export, "--network", "regtest", "--data", whole)).ExitCode);

        var first = await CliRunner.RunAsync("ingest", "eth", "--etl", low, "--network", "regtest", "--data", Data);
        string[] second = ["ingest", "eth", "--etl", high, "--network", "regtest", "--data", Data];
        var next = await CliRunner.RunAsync(withFrom ? [.. second, "--from", "16"] : second);

        Assert.Equal(0, first.ExitCode);
        Assert.Contains("16 blocks written", first.Output, StringComparison.Ordinal);
        Assert.Equal(0, next.ExitCode);
        Assert.Contains("0 reorgs (0 blocks rolled back)", next.Output, StringComparison.Ordinal);
        Assert.Contains("heights 16..", next.Output, StringComparison.Ordinal);
        Assert.Equal(await StoreDigest.ComputeAsync(whole), await StoreDigest.ComputeAsync(Data));
    }

    [Theory]
    [InlineData("header-bit", 57)]
    [InlineData("frame-length", 173)]
    public async Task DamagedBlkFile_IsRejected_AndRollsNothingBack(string damage, int frame)
    {
        await IngestBlocksAsync(MainnetFiles.BlocksDir(_temp));
        var before = await StoreDigest.ComputeAsync(Data);
        var dir = MainnetFiles.BlocksDir(new TempDir("damaged"));
        var path = Path.Combine(dir, "blk00000.dat");
        var bytes = await File.ReadAllBytesAsync(path);
        var at = FrameOffset(bytes, frame);
        if (damage == "header-bit")
        {
            bytes[at + 8 + 40] ^= 0x04; // inside the merkle root field of the header
        }
        else
        {
            // The length now spans the next frame too: that block vanishes and the chain breaks after this one.
            var length = BitConverter.ToInt32(bytes, at + 4);
            BitConverter.GetBytes(length + 8 + BitConverter.ToInt32(bytes, at + 8 + length + 4)).CopyTo(bytes, at + 4);
        }

        await File.WriteAllBytesAsync(path, bytes);

        var result = await CliRunner.RunAsync("ingest", "btc", "--blocks-dir", dir, "--data", Data);

        Assert.Equal(2, result.ExitCode);
        Assert.Contains("blk00000.dat at byte", result.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("rolled back", result.Output, StringComparison.Ordinal);
        Assert.Equal(before, await StoreDigest.ComputeAsync(Data));
    }

    private static int FrameOffset(byte[] bytes, int frame)
    {
        var at = 0;
        for (var i = 0; i < frame; i++)
        {
            at += 8 + BitConverter.ToInt32(bytes, at + 4);
        }

        return at;
    }

    private async Task IngestBlocksAsync(string dir) =>
        Assert.Equal(0, (await CliRunner.RunAsync("ingest", "btc", "--blocks-dir", dir, "--data", Data)).ExitCode);

    private async Task<string> ReferenceDigestAsync()
    {
        var reference = _temp.File("reference");
        Assert.Equal(0, (await CliRunner.RunAsync("ingest", "btc", "--blocks-dir", MainnetFiles.BlocksDir(new TempDir("ref")), "--data", reference)).ExitCode);
        return await StoreDigest.ComputeAsync(reference);
    }

    /// <summary>A blocks dir with just one of the two shared blk files (0: heights 0–299, 1: 300–599).</summary>
    private string OnlyFile(int number)
    {
        var dir = _temp.File($"only{number}-{Guid.NewGuid():N}");
        Directory.CreateDirectory(dir);
        var name = number == 0 ? "blk00000_mainnet_h0-299.dat" : "blk00001_mainnet_h300-599.dat";
        File.Copy(SharedData.Path("bitcoin", "raw", name), Path.Combine(dir, $"blk0000{number}.dat"));
        return dir;
    }
}
