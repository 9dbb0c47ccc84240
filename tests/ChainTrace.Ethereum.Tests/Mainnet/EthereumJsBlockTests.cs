using ChainTrace.Core.Account;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Primitives;
using ChainTrace.Ethereum.Model;
using ChainTrace.Ethereum.Normalization;
using ChainTrace.Ethereum.Parsing;
using ChainTrace.Ethereum.Tests.Support;
using ChainTrace.TestSupport;

namespace ChainTrace.Ethereum.Tests.Mainnet;

/// <summary>Full-transaction blocks recorded by ethereumjs (legacy, EIP-1559 and post-merge).</summary>
public class EthereumJsBlockTests
{
    [Theory]
    [InlineData("infura2000004wtxs.json", 2000004, "0x7250d1dc6c4b7c1a51f13fb02a92cc60ab1b9592e457ad60813356c656593cc2", 4)]
    [InlineData("alchemy14151203.json", 14151203, "0x439c61275e55e56f4bd9cd26e9af0afa2a5a810627f83d72c8e43c1073a6a4fe", 12)]
    [InlineData("infura15571241wtxns.json", 15571241, "0x1850b014065b23d804ecf71a8a4691d076ca87c2e6fb8fe81ee20a4d8e884c24", 58)]
    public void Blocks_ReadWithEveryTransaction_AndTheirValueTransfers(string file, long number, string hash, int txCount)
    {
        var json = Recorded.Bare(SharedData.Path("ethereum", "ethereumjs", file));
        var raw = RpcBlockReader.ReadBlock(json, file);
        var block = EthBlockNormalizer.Normalize(new BlockData(raw, null, null), Network.Main);

        Assert.Equal(number, block.Header.Height);
        Assert.Equal(Hash32.Parse(hash), block.Header.Hash);
        Assert.Equal(txCount, block.Transactions.Count);
        var valueTxs = json.GetProperty("transactions").EnumerateArray()
            .Count(t => t.GetProperty("value").GetString() != "0x0" && t.TryGetProperty("to", out var to) && to.ValueKind == System.Text.Json.JsonValueKind.String);
        Assert.Equal(valueTxs, block.Transfers.Count(t => t.Kind == TransferKind.Native));
        Assert.All(block.Transactions, t => Assert.Null(t.Succeeded));
    }

    [Fact]
    public void PostMergeBlock_FirstTransaction_Is0x23f116efd28a00Wei()
    {
        var raw = RpcBlockReader.ReadBlock(Recorded.Bare(SharedData.Path("ethereum", "ethereumjs", "infura15571241wtxns.json")), "15571241");
        var block = EthBlockNormalizer.Normalize(new BlockData(raw, null, null), Network.Main);

        var first = block.Transfers.First(t => t.TxHash == Hash32.Parse("0xb9b9c7f88abdf7733d9f743d64fa5cd19b867144ebd675e1436725df4205bcdc"));
        Assert.Equal("0x04be70565b05b35198845e623c9e51c67dd0c4b0", first.From.ToString());
        Assert.Equal("0x0016c0d0343e8f2c3a7b6a51606b84b1545ec606", first.To.ToString());
        Assert.Equal(UInt256.ParseHex("0x23f116efd28a00"), first.Value);
    }
}
