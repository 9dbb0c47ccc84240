using ChainTrace.Core.Account;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;
using ChainTrace.Core.Primitives;
using ChainTrace.Ethereum.Model;
using ChainTrace.Ethereum.Normalization;

namespace ChainTrace.Ethereum.Tests.Normalization;

public class Erc20TransferDecoderTests
{
    private static readonly EthAddress Token = EthAddress.Parse("0xdac17f958d2ee523a2206206994597c13d831ec7");
    private static readonly EthAddress Alice = EthAddress.Parse("0x1b63142628311395ceafeea5667e7c9026c862ca");
    private static readonly EthAddress Bob = EthAddress.Parse("0xac4df82fe37ea2187bc8c011a23d743b4f39019a");
    private static readonly Hash32 Tx = Hash32.Parse("0x04cbcb236043d8fb7839e07bbc7f5eed692fb2ca55d897f1101eac3e3ad4fab8");

    private static Hash32 Word(EthAddress a)
    {
        var bytes = new byte[32];
        a.Key.CopyTo(bytes.AsSpan(12));
        return new Hash32(bytes);
    }

    private static byte[] Amount(ulong value) => ((UInt256)value).ToBigEndianBytes();

    [Fact]
    public void StandardEvent_DecodesFromToAndValue()
    {
        var log = new RawLog(7, Tx, Token, [Erc20TransferDecoder.TransferTopic, Word(Alice), Word(Bob)], Amount(100_000));

        var transfer = Erc20TransferDecoder.TryDecode(log);

        Assert.NotNull(transfer);
        Assert.Equal(Alice, transfer.From);
        Assert.Equal(Bob, transfer.To);
        Assert.Equal((UInt256)100_000UL, transfer.Value);
        Assert.Equal(Asset.Erc20(Token), transfer.Asset);
        Assert.Equal("7", transfer.Position);
    }

    [Fact]
    public void EventWithoutIndexedAddresses_DecodesFromTheDataWords()
    {
        var data = Word(Alice).ToArray().Concat(Word(Bob).ToArray()).Concat(Amount(5)).ToArray();
        var log = new RawLog(0, Tx, Token, [Erc20TransferDecoder.TransferTopic], data);

        var transfer = Erc20TransferDecoder.TryDecode(log);

        Assert.Equal(Alice, transfer!.From);
        Assert.Equal((UInt256)5UL, transfer.Value);
    }

    [Fact]
    public void MaximumValue_Survives256Bits()
    {
        var log = new RawLog(0, Tx, Token, [Erc20TransferDecoder.TransferTopic, Word(Alice), Word(Bob)], UInt256.MaxValue.ToBigEndianBytes());

        Assert.Equal(UInt256.MaxValue, Erc20TransferDecoder.TryDecode(log)!.Value);
    }

    public static TheoryData<string, Hash32[], int> NonStandard => new()
    {
        { "one indexed address missing", [Erc20TransferDecoder.TransferTopic, Word(Alice)], 32 },
        { "data too short", [Erc20TransferDecoder.TransferTopic, Word(Alice), Word(Bob)], 16 },
        { "no value at all", [Erc20TransferDecoder.TransferTopic, Word(Alice), Word(Bob)], 0 },
        { "ERC-721 (token id indexed)", [Erc20TransferDecoder.TransferTopic, Word(Alice), Word(Bob), Word(Bob)], 0 },
    };

    [Theory]
    [MemberData(nameof(NonStandard))]
    public void NonStandardEvents_AreSkippedAndCounted_NotFatal(string why, Hash32[] topics, int dataLength)
    {
        var bad = new RawLog(0, Tx, Token, topics, new byte[dataLength]);
        var good = new RawLog(1, Tx, Token, [Erc20TransferDecoder.TransferTopic, Word(Alice), Word(Bob)], Amount(1));
        var tx = new RawTransaction(Tx, 0, Alice, Token, UInt256.Zero, 60_000, 1UL);
        var data = new BlockData(
            new RawBlock(1, Hash32.Parse("0x" + new string('1', 64)), Hash32.Zero, 0, null, [tx], []),
            [new RawReceipt(Tx, true, 50_000, 1UL, null, [bad, good])],
            null);

        var block = EthBlockNormalizer.Normalize(data, Network.Main);

        Assert.True(block.Warnings.NonStandardTokenEvents == 1, why);
        Assert.Equal("1", Assert.Single(block.Transfers).Position);
    }
}
