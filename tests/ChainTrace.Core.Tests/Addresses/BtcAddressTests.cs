using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;

namespace ChainTrace.Core.Tests.Addresses;

public sealed class BtcAddressTests
{
    [Theory]
    [InlineData("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", Network.Main, BtcAddressType.P2PKH, "62e907b15cbf27d5425399ebf6f0fb50ebb88f18")]
    [InlineData("3LRW7jeCvQCRdPF8S3yUCfRAx4eqXFmdcr", Network.Main, BtcAddressType.P2SH, "cd7b44d0b03f2d026d1e586d7ae18903b0d385f6")]
    [InlineData("mrCDrCybB6J1vRfbwM5hemdJz73FwDBC8r", Network.Test, BtcAddressType.P2PKH, "751e76e8199196d454941c45d1b3a323f1433bd6")]
    [InlineData("2NByiBUaEXrhmqAsg7BbLpcQSAQs1EDwt5w", Network.Test, BtcAddressType.P2SH, "cd7b44d0b03f2d026d1e586d7ae18903b0d385f6")]
    [InlineData("mrCDrCybB6J1vRfbwM5hemdJz73FwDBC8r", Network.Regtest, BtcAddressType.P2PKH, "751e76e8199196d454941c45d1b3a323f1433bd6")]
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", Network.Main, BtcAddressType.P2WPKH, "751e76e8199196d454941c45d1b3a323f1433bd6")]
    [InlineData("bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080", Network.Regtest, BtcAddressType.P2WPKH, "751e76e8199196d454941c45d1b3a323f1433bd6")]
    public void Parse_ReadsTypeAndProgram_OfEveryStandardType(string text, Network network, BtcAddressType type, string program)
    {
        var address = BtcAddress.Parse(text, network);

        Assert.Equal(type, address.Type);
        Assert.Equal(program, Convert.ToHexStringLower(address.Program.Span));
        Assert.Equal(text, address.ToString());
    }

    [Theory]
    [InlineData("bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4", Network.Test, "mainnet address, expected testnet")]
    [InlineData("tb1qw508d6qejxtdg4y5r3zarvary0c5xw7kxpjzsx", Network.Main, "testnet address, expected mainnet")]
    [InlineData("bcrt1qw508d6qejxtdg4y5r3zarvary0c5xw7kygt080", Network.Main, "regtest address, expected mainnet")]
    [InlineData("mrCDrCybB6J1vRfbwM5hemdJz73FwDBC8r", Network.Main, "expected mainnet")]
    [InlineData("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", Network.Regtest, "mainnet address, expected regtest")]
    public void Parse_RejectsWrongNetwork_NamingBoth(string text, Network network, string message)
    {
        var error = Assert.Throws<AddressFormatException>(() => BtcAddress.Parse(text, network));

        Assert.Equal(AddressError.WrongNetwork, error.Error);
        Assert.Contains(message, error.Message, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNb", AddressError.BadChecksum)]
    [InlineData("1A1zP1eP5QGefi2DMPTfTL5SLmv7Divf0a", AddressError.BadCharacter)]
    [InlineData("1A1zP1eP5QGefi2DMPT", AddressError.BadChecksum)]
    [InlineData("", AddressError.Empty)]
    [InlineData("11111111111111111111111111111111273Yts", AddressError.BadLength)]
    public void Parse_RejectsBrokenBase58_SayingWhy(string text, AddressError expected)
    {
        var error = Assert.Throws<AddressFormatException>(() => BtcAddress.Parse(text, Network.Main));

        Assert.Equal(expected, error.Error);
    }

    [Fact]
    public void Key_RoundTripsThroughStoreKey_ForEveryType()
    {
        string[] addresses =
        [
            "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa", "3LRW7jeCvQCRdPF8S3yUCfRAx4eqXFmdcr",
            "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4",
            "bc1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3qccfmv3",
            "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0",
            "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs",
        ];
        foreach (var text in addresses)
        {
            var address = BtcAddress.Parse(text, Network.Main);
            var back = BtcAddressKey.ToAddress(address.Key, Network.Main);
            Assert.Equal(address, back);
            Assert.Equal(text, back.ToString());
        }
    }

    [Fact]
    public void EncodingAgreesWithNBitcoin_ForRandomPrograms()
    {
        var random = new Random(42);
        for (var i = 0; i < 200; i++)
        {
            var program20 = new byte[20];
            var program32 = new byte[32];
            random.NextBytes(program20);
            random.NextBytes(program32);
            var nbMain = NBitcoin.Network.Main;
            var taproot = new NBitcoin.Key(program32).PubKey.GetTaprootFullPubKey();
            (BtcAddressType Type, byte[] Program, string Expected)[] cases =
            [
                (BtcAddressType.P2PKH, program20, new NBitcoin.KeyId(program20).GetAddress(nbMain).ToString()),
                (BtcAddressType.P2SH, program20, new NBitcoin.ScriptId(program20).GetAddress(nbMain).ToString()),
                (BtcAddressType.P2WPKH, program20, new NBitcoin.WitKeyId(program20).GetAddress(nbMain).ToString()),
                (BtcAddressType.P2WSH, program32, new NBitcoin.WitScriptId(program32).GetAddress(nbMain).ToString()),
                (BtcAddressType.P2TR, taproot.ToBytes(), taproot.GetAddress(nbMain).ToString()),
            ];
            foreach (var (type, program, expected) in cases)
            {
                Assert.Equal(expected, BtcAddress.FromProgram(Network.Main, type, program).ToString());
                Assert.Equal(type, BtcAddress.Parse(expected, Network.Main).Type);
            }
        }
    }

    [Theory]
    [InlineData("  1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa ", "1A1zP1eP5QGefi2DMPTfTL5SLmv7DivfNa")]
    [InlineData("BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kv8f3t4")]
    [InlineData("bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0")]
    public void ParsedText_IsTheStandardEncoding_TheSameAsEncodingTheProgram(string input, string expected)
    {
        var parsed = BtcAddress.Parse(input, Network.Main);
        var encoded = BtcAddress.FromProgram(Network.Main, parsed.Type, parsed.Program.Span, parsed.WitnessVersion);

        Assert.Equal(expected, parsed.ToString());
        Assert.Equal(expected, encoded.ToString());
    }
}
