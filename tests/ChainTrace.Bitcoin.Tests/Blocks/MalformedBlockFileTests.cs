using ChainTrace.Bitcoin.Blocks;
using ChainTrace.Bitcoin.Mapping;
using ChainTrace.Bitcoin.Tests.Support;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Ports;
using ChainTrace.TestSupport;

namespace ChainTrace.Bitcoin.Tests.Blocks;

public class MalformedBlockFileTests
{
    private static readonly int FirstFrameLength = 8 + BtcData.Frames(BtcData.Blk0)[0].Length;

    [Fact]
    public async Task Index_ReportsFileAndOffset_WhenTheFileIsTruncatedInsideABlock()
    {
        var bytes = await File.ReadAllBytesAsync(BtcData.Blk0);
        var frameStart = FrameOffsets(bytes)[123];

        var ex = await IndexAsync(bytes[..(frameStart + 50)]);

        Assert.EndsWith($"blk00000.dat at byte {frameStart}", ex.Location, StringComparison.Ordinal);
        Assert.Contains("runs past the end of the file", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_ReportsTruncatedFrameHeader_WhenFewerThan8BytesRemain()
    {
        var bytes = await File.ReadAllBytesAsync(BtcData.Blk0);

        var ex = await IndexAsync([.. bytes, 0xf9, 0xbe, 0xb4]);

        Assert.EndsWith($"at byte {bytes.Length}", ex.Location, StringComparison.Ordinal);
        Assert.Contains("truncated frame", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_ReportsWrongMagic_AtTheFrameThatHasIt()
    {
        var bytes = await File.ReadAllBytesAsync(BtcData.Blk0);
        var at = FrameOffsets(bytes)[7];
        bytes[at] = 0x12;

        var ex = await IndexAsync(bytes);

        Assert.EndsWith($"blk00000.dat at byte {at}", ex.Location, StringComparison.Ordinal);
        Assert.Contains("unknown magic 12beb4d9", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_ReportsGarbage_AppendedAfterTheLastBlock()
    {
        var bytes = await File.ReadAllBytesAsync(BtcData.Blk0);
        byte[] garbage = [0xde, 0xad, 0xbe, 0xef, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10];

        var ex = await IndexAsync([.. bytes, .. garbage]);

        Assert.EndsWith($"at byte {bytes.Length}", ex.Location, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Index_ReportsLengthPastEndOfFile_WhenTheLengthFieldIsTooLarge()
    {
        var bytes = await File.ReadAllBytesAsync(BtcData.Blk0);
        BitConverter.GetBytes(0x7fff_0000).CopyTo(bytes, FirstFrameLength + 4);

        var ex = await IndexAsync(bytes);

        Assert.EndsWith($"at byte {FirstFrameLength}", ex.Location, StringComparison.Ordinal);
        Assert.Contains($"block length {0x7fff_0000} runs past the end of the file", ex.Problem, StringComparison.Ordinal);
    }

    [Fact]
    public async Task ReadBlocks_ReportsTheFrame_WhenABlockBodyIsGarbage_AndYieldsNothingPastIt()
    {
        var frames = BtcData.Frames(BtcData.Blk0);
        using var dir = new TempDir("garbage-body");
        var header = frames[2][..80];
        byte[] garbageBody = [.. header, 0xfd, 0xff, 0xff, 0x01, 0x02];
        await File.WriteAllBytesAsync(dir.File("blk00000.dat"), [
            .. BtcData.Frame(NetworkMagic.Main, frames[0]),
            .. BtcData.Frame(NetworkMagic.Main, frames[1]),
            .. BtcData.Frame(NetworkMagic.Main, garbageBody)]);
        var source = new BlocksDirectorySource(new(dir.Path, Network.Main));
        var yielded = new List<long>();

        var ex = await Assert.ThrowsAsync<MalformedDataException>(async () =>
        {
            await foreach (var block in source.ReadBlocksAsync(0, null, CancellationToken.None))
            {
                yielded.Add(block.Header.Height);
            }
        });

        Assert.Equal([0L, 1], yielded);
        Assert.EndsWith($"at byte {(2 * 8) + frames[0].Length + frames[1].Length}", ex.Location, StringComparison.Ordinal);
    }

    private static async Task<MalformedDataException> IndexAsync(byte[] content)
    {
        using var dir = new TempDir("malformed");
        await File.WriteAllBytesAsync(dir.File("blk00000.dat"), content);
        var source = new BlocksDirectorySource(new(dir.Path, Network.Main));
        return await Assert.ThrowsAsync<MalformedDataException>(() => source.GetTipHeightAsync(CancellationToken.None));
    }

    private static List<int> FrameOffsets(byte[] bytes)
    {
        var offsets = new List<int>();
        for (var at = 0; at + 8 <= bytes.Length; at += 8 + BitConverter.ToInt32(bytes, at + 4))
        {
            offsets.Add(at);
        }

        return offsets;
    }
}
