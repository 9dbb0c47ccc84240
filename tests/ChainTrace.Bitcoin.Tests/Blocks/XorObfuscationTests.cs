using System.Security.Cryptography;
using ChainTrace.Bitcoin.Blocks;
using ChainTrace.Bitcoin.Tests.Support;
using ChainTrace.Core.Chains;
using ChainTrace.TestSupport;

namespace ChainTrace.Bitcoin.Tests.Blocks;

public class XorObfuscationTests
{
    [Fact]
    public async Task ReadBlocks_GivesTheSameBlocks_WhenFilesAreObfuscatedWithXorDat()
    {
        var key = RandomNumberGenerator.GetBytes(8);
        key[0] |= 1;
        using var dir = new TempDir("xor");
        await File.WriteAllBytesAsync(dir.File("xor.dat"), key);
        await File.WriteAllBytesAsync(dir.File("blk00000.dat"), Obfuscate(await File.ReadAllBytesAsync(BtcData.Blk0), key));
        await File.WriteAllBytesAsync(dir.File("blk00001.dat"), Obfuscate(await File.ReadAllBytesAsync(BtcData.Blk1), key));
        using var plain = BtcData.BlocksDir();

        var expected = await BtcData.ReadAllAsync(new BlocksDirectorySource(new(plain.Path, Network.Main)));
        var actual = await BtcData.ReadAllAsync(new BlocksDirectorySource(new(dir.Path, Network.Main)));

        Assert.Equal(600, actual.Count);
        Assert.Equal(
            expected.SelectMany(b => b.Transactions).Select(t => (t.TxId, t.Outputs.Sum(o => o.Value))),
            actual.SelectMany(b => b.Transactions).Select(t => (t.TxId, t.Outputs.Sum(o => o.Value))));
    }

    [Fact]
    public async Task ReadBlocks_TreatsAnAllZeroKeyAsNoObfuscation()
    {
        using var dir = BtcData.BlocksDir();
        await File.WriteAllBytesAsync(dir.File("xor.dat"), new byte[8]);

        var blocks = await BtcData.ReadAllAsync(new BlocksDirectorySource(new(dir.Path, Network.Main)));

        Assert.Equal(600, blocks.Count);
        Assert.Equal(599, blocks[^1].Header.Height);
    }

    [Fact]
    public async Task Index_ReportsMalformedFrames_WhenObfuscatedFilesLackXorDat()
    {
        var key = RandomNumberGenerator.GetBytes(8);
        key[0] |= 1;
        using var dir = new TempDir("xor-wrong");
        await File.WriteAllBytesAsync(dir.File("blk00000.dat"), Obfuscate(await File.ReadAllBytesAsync(BtcData.Blk0), key));

        var source = new BlocksDirectorySource(new(dir.Path, Network.Main));

        await Assert.ThrowsAsync<Core.Ports.MalformedDataException>(() => source.GetTipHeightAsync(CancellationToken.None));
    }

    private static byte[] Obfuscate(byte[] data, byte[] key)
    {
        var copy = data.ToArray();
        for (var i = 0; i < copy.Length; i++)
        {
            copy[i] ^= key[i % 8];
        }

        return copy;
    }
}
