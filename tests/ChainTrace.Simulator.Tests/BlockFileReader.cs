using System.Buffers.Binary;
using NBitcoin;

namespace ChainTrace.Simulator.Tests;

/// <summary>Reads blk*.dat framing independently of the simulator's writer, parsing blocks with NBitcoin.</summary>
internal static class BlockFileReader
{
    public static List<Block> ReadAll(string blocksDir)
    {
        var blocks = new List<Block>();
        foreach (var file in Directory.GetFiles(blocksDir, "blk*.dat").Order(StringComparer.Ordinal))
        {
            var bytes = File.ReadAllBytes(file);
            var offset = 0;
            while (offset < bytes.Length)
            {
                Assert.True(bytes.AsSpan(offset, 4).SequenceEqual(new byte[] { 0xfa, 0xbf, 0xb5, 0xda }), $"magic at {offset} in {file}");
                var length = (int)BinaryPrimitives.ReadUInt32LittleEndian(bytes.AsSpan(offset + 4));
                var block = Network.RegTest.Consensus.ConsensusFactory.CreateBlock();
                block.ReadWrite(bytes.AsSpan(offset + 8, length).ToArray(), Network.RegTest);
                blocks.Add(block);
                offset += 8 + length;
            }
        }

        return blocks;
    }
}
