using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Utxo;
using ChainTrace.TestSupport;

namespace ChainTrace.Bitcoin.Tests.Support;

internal static class BtcData
{
    public static string Raw(string name) => SharedData.Path("bitcoin", "raw", name);

    public static string Blk0 => Raw("blk00000_mainnet_h0-299.dat");

    public static string Blk1 => Raw("blk00001_mainnet_h300-599.dat");

    /// <summary>A blocks dir holding the two shared blk files under Core's names.</summary>
    public static TempDir BlocksDir()
    {
        var dir = new TempDir("blocks");
        File.Copy(Blk0, dir.File("blk00000.dat"));
        File.Copy(Blk1, dir.File("blk00001.dat"));
        return dir;
    }

    public static string Address(byte[]? key) =>
        key is null ? "<none>" : BtcAddressKey.ToAddress(key, Network.Main).ToString();

    public static async Task<List<UtxoBlock>> ReadAllAsync(Core.Ports.IUtxoBlockSource source, long from = 0, long? to = null)
    {
        var blocks = new List<UtxoBlock>();
        await foreach (var block in source.ReadBlocksAsync(from, to, CancellationToken.None))
        {
            blocks.Add(block);
        }

        return blocks;
    }

    /// <summary>Splits a blk-framed file into its block payloads (test-side reading of the shared files).</summary>
    public static List<byte[]> Frames(string path)
    {
        var bytes = File.ReadAllBytes(path);
        var frames = new List<byte[]>();
        var offset = 0;
        while (offset + 8 <= bytes.Length)
        {
            var length = BitConverter.ToInt32(bytes, offset + 4);
            frames.Add(bytes.AsSpan(offset + 8, length).ToArray());
            offset += 8 + length;
        }

        return frames;
    }

    public static byte[] Frame(byte[] magic, byte[] block)
    {
        var framed = new byte[8 + block.Length];
        magic.CopyTo(framed, 0);
        BitConverter.GetBytes(block.Length).CopyTo(framed, 4);
        block.CopyTo(framed, 8);
        return framed;
    }
}
