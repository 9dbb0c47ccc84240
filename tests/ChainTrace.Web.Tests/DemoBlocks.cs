using System.Globalization;
using NBitcoin;

namespace ChainTrace.Web.Tests;

/// <summary>The demo's Bitcoin blocks read by NBitcoin from the simulator's blk file (not by our parser): the oracle of the API tests.</summary>
public static class DemoBlocks
{
    /// <summary>The blocks (magic, length, block) in file order, which is height order from genesis, each with its UTC day and time.</summary>
    public static List<(Block Block, string Day, DateTimeOffset Time)> Read(string data)
    {
        var bytes = File.ReadAllBytes(Path.Combine(data, "demo", "btc", "blocks", "blk00000.dat"));
        var blocks = new List<(Block, string, DateTimeOffset)>();
        for (var offset = 0; offset + 8 <= bytes.Length;)
        {
            var length = BitConverter.ToInt32(bytes, offset + 4);
            var block = Block.Load(bytes.AsSpan(offset + 8, length).ToArray(), Network.RegTest);
            blocks.Add((block, block.Header.BlockTime.UtcDateTime.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), block.Header.BlockTime.ToUniversalTime()));
            offset += 8 + length;
        }

        return blocks;
    }

    public static string? AddressOf(TxOut output) => output.ScriptPubKey.GetDestinationAddress(Network.RegTest)?.ToString();
}
