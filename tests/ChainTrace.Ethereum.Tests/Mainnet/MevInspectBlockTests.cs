using System.Text.Json;
using ChainTrace.Core.Account;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Primitives;
using ChainTrace.Ethereum.Model;
using ChainTrace.Ethereum.Normalization;
using ChainTrace.Ethereum.Parsing;
using ChainTrace.Ethereum.Tests.Support;
using ChainTrace.TestSupport;

namespace ChainTrace.Ethereum.Tests.Mainnet;

/// <summary>mev-inspect-py's full-block Parity trace sets (2021 mainnet blocks, DEX/MEV activity).</summary>
public class MevInspectBlockTests
{
    private static AccountBlock Load(long number, out IReadOnlyList<TraceFrame> frames)
    {
        var root = Recorded.Bare(SharedData.Path("ethereum", "mev-inspect-py", $"{number}.json"));
        frames = ParityTraceReader.Read(root.GetProperty("traces"), $"mev-inspect {number}");
        return EthBlockNormalizer.Normalize(new BlockData(Recorded.BlockFromTopLevelFrames(number, frames), null, frames), Network.Main);
    }

    [Fact]
    public void Block13666184_HasTheManifestsValueCallsExceptDelegateCalls()
    {
        // MANIFEST: 27 call traces below the top level carry value; 4 of them are DELEGATECALL frames, whose
        // "value" is the caller's msg.value echoed, not a transfer. The block has no failed frames.
        var block = Load(13666184, out var frames);

        Assert.DoesNotContain(frames, f => f.Error is not null);
        Assert.Equal(4, frames.Count(f => f.CallType == "delegatecall" && f.Value is { IsZero: false }));
        Assert.Equal(23, block.Transfers.Count(t => t.Kind == TransferKind.Internal));
    }

    [Fact]
    public void Block13666184_WethUnwrapToUniswapRouter_IsAnInternalTransfer()
    {
        // tx 0x936afa3e… : WETH pays 101.089798043870836280 ETH to the Uniswap V2 router (trace 3_0).
        var block = Load(13666184, out _);

        var unwrap = Assert.Single(block.Transfers, t => t.TxHash == Hash32.Parse("0x936afa3e8ef201fd97b6ca2b7dfd88d9b08b824eb834e34e007c25bb3b7bb9e8") && t.Position == "3_0");
        Assert.Equal(TransferKind.Internal, unwrap.Kind);
        Assert.Equal("0xc02aaa39b223fe8d0a0e5c4f27ead9083c756cc2", unwrap.From.ToString());
        Assert.Equal("0x7a250d5630b4cf539739df2c5dacb4c659f2488d", unwrap.To.ToString());
        Assert.Equal(UInt256.Parse("101089798043870836280"), unwrap.Value);
    }

    [Theory]
    [InlineData(11930296, "0xea674fdde714fd979de3edf0f56aa9716b898ec8")]
    [InlineData(13370850, "0x3ecef08d0e2dad803847e052249bb4f8bff2d5bb")]
    [InlineData(13666326, "0xc3348b43d3881151224b490e4aa39e03d2b1cdea")]
    public void BlockReward_Is2Eth_ToTheMiner_FromTheIssuancePseudoAddress(long number, string miner)
    {
        var block = Load(number, out _);

        var reward = Assert.Single(block.Transfers, t => t.Kind == TransferKind.Reward);
        Assert.Equal(miner, reward.To.ToString());
        Assert.Equal(EthChainAddress.Issuance, reward.From);
        Assert.Equal(UInt256.Parse("2000000000000000000"), reward.Value);
    }

    [Theory]
    [InlineData(12914944)]
    [InlineData(13179291)]
    [InlineData(13666326)]
    public void FailedTransactions_AndRevertedFrames_MoveNoValue(long number)
    {
        var block = Load(number, out var frames);

        var failedTxs = block.Transactions.Where(t => t.Succeeded == false).Select(t => t.Hash).ToHashSet();
        Assert.NotEmpty(failedTxs);
        Assert.DoesNotContain(block.Transfers, t => t.TxHash is { } h && failedTxs.Contains(h));
        foreach (var failedFrame in frames.Where(f => f.Error is not null && f.TraceAddress.Count > 0))
        {
            Assert.DoesNotContain(block.Transfers, t => t.TxHash == failedFrame.TxHash && t.Position.StartsWith(failedFrame.Position, StringComparison.Ordinal)
                && (t.Position.Length == failedFrame.Position.Length || t.Position[failedFrame.Position.Length] == '_'));
        }
    }

    [Fact]
    public void AllTenBlocks_Normalize_WithoutWarnings()
    {
        foreach (var file in Directory.GetFiles(SharedData.Path("ethereum", "mev-inspect-py"), "*.json"))
        {
            var number = long.Parse(Path.GetFileNameWithoutExtension(file), System.Globalization.CultureInfo.InvariantCulture);
            var block = Load(number, out var frames);
            Assert.Equal(0, block.Warnings.Total);
            Assert.Equal(frames.Count(f => f.TraceAddress.Count == 0 && f.TxIndex is not null), block.Transactions.Count);
        }
    }
}
