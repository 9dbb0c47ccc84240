using ChainTrace.Core.Chains;
using ChainTrace.Core.Primitives;

namespace ChainTrace.Core.Tests.Primitives;

public sealed class PrimitiveTests
{
    [Theory]
    [InlineData("0")]
    [InlineData("1")]
    [InlineData("115792089237316195423570985008687907853269984665640564039457584007913129639935")]
    public void UInt256_RoundTripsDecimalAndBytes_AtZeroOneAndMax(string text)
    {
        var value = UInt256.Parse(text);

        Assert.Equal(text, value.ToString());
        Assert.Equal(value, UInt256.FromBigEndianBytes(value.ToBigEndianBytes()));
        Assert.Equal(32, value.ToBigEndianBytes().Length);
    }

    [Fact]
    public void UInt256_AdditionPastMax_Throws_InsteadOfWrapping()
    {
        Assert.Throws<OverflowException>(() => UInt256.MaxValue + 1UL);
        Assert.Throws<OverflowException>(() => UInt256.Zero - 1UL);
    }

    [Theory]
    [InlineData("0x0", "0")]
    [InlineData("0xde0b6b3a7640000", "1000000000000000000")]
    public void UInt256_ParsesRpcHexQuantities(string hex, string expected)
    {
        Assert.Equal(expected, UInt256.ParseHex(hex).ToString());
    }

    [Theory]
    [InlineData("de0b6b3a7640000")]
    [InlineData("0x")]
    [InlineData("0xzz")]
    [InlineData("-1")]
    public void UInt256_RejectsMalformedInput(string text)
    {
        Assert.Throws<FormatException>(() => text.StartsWith("0x", StringComparison.Ordinal) || !text.StartsWith('-')
            ? UInt256.ParseHex(text)
            : UInt256.Parse(text));
    }

    [Fact]
    public void Hash32_RoundTripsHex_InDisplayOrder()
    {
        const string genesis = "000000000019d6689c085ae165831e934ff763ae46a2a6c172b3f1b60a8ce26f";
        var hash = Hash32.Parse(genesis);

        Assert.Equal(genesis, hash.ToString());
        Assert.Equal(0x00, hash.ToArray()[0]);
        Assert.Equal(hash, new Hash32(hash.ToArray()));
        Assert.Equal(Hash32.Parse("0x" + genesis), hash);
        Assert.False(Hash32.TryParse(genesis[..63], out _));
    }

    [Theory]
    [InlineData("btc", Chain.Btc)]
    [InlineData("ETH", Chain.Eth)]
    public void ChainCodes_ParseKnownChains(string code, Chain chain)
    {
        Assert.Equal(chain, ChainCodes.Parse(code));
    }

    [Fact]
    public void ChainCodes_RejectUnknownChain_ListingSupportedOnes()
    {
        var error = Assert.Throws<UnknownChainException>(() => ChainCodes.Parse("doge"));

        Assert.Contains("btc, eth", error.Message, StringComparison.Ordinal);
    }
}
