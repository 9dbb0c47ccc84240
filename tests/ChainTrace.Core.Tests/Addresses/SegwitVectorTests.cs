using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;

namespace ChainTrace.Core.Tests.Addresses;

/// <summary>The published BIP-173 / BIP-350 address vectors (the "valid" and "invalid segwit address" lists).</summary>
public sealed class SegwitVectorTests
{
    public static TheoryData<string, Network, string> Valid => new()
    {
        { "BC1QW508D6QEJXTDG4Y5R3ZARVARY0C5XW7KV8F3T4", Network.Main, "0014751e76e8199196d454941c45d1b3a323f1433bd6" },
        { "tb1qrp33g0q5c5txsp9arysrx4k6zdkfs4nce4xj0gdcccefvpysxf3q0sl5k7", Network.Test, "00201863143c14c5166804bd19203356da136c985678cd4d27a1b8c6329604903262" },
        { "bc1pw508d6qejxtdg4y5r3zarvary0c5xw7kw508d6qejxtdg4y5r3zarvary0c5xw7kt5nd6y", Network.Main, "5128751e76e8199196d454941c45d1b3a323f1433bd6751e76e8199196d454941c45d1b3a323f1433bd6" },
        { "BC1SW50QGDZ25J", Network.Main, "6002751e" },
        { "bc1zw508d6qejxtdg4y5r3zarvaryvaxxpcs", Network.Main, "5210751e76e8199196d454941c45d1b3a323" },
        { "tb1qqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesrxh6hy", Network.Test, "0020000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433" },
        { "tb1pqqqqp399et2xygdj5xreqhjjvcmzhxw4aywxecjdzew6hylgvsesf3hn0c", Network.Test, "5120000000c4a5cad46221b2a187905e5266362b99d5e91c6ce24d165dab93e86433" },
        { "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqzk5jj0", Network.Main, "512079be667ef9dcbbac55a06295ce870b07029bfcdb2dce28d959f2815b16f81798" },
    };

    [Theory]
    [MemberData(nameof(Valid))]
    public void Parse_AcceptsPublishedValidAddress_WithItsWitnessProgram(string text, Network network, string scriptPubKey)
    {
        var address = BtcAddress.Parse(text, network);

        Assert.Equal(scriptPubKey, ScriptPubKey(address));
        Assert.Equal(text.ToLowerInvariant(), address.ToString());
    }

    public static TheoryData<string, AddressError> Invalid => new()
    {
        { "tc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq5zuyut", AddressError.UnknownVersion },
        { "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqh2y7hd", AddressError.WrongEncoding },
        { "BC1S0XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ54WELL", AddressError.WrongEncoding },
        { "bc1qw508d6qejxtdg4y5r3zarvary0c5xw7kemeawh", AddressError.WrongEncoding },
        { "bc1p38j9r5y49hruaue7wxjce0updqjuyyx0kh56v8s25huc6995vvpql3jow4", AddressError.BadCharacter },
        { "BC130XLXVLHEMJA6C4DQV22UAPCTQUPFHLXM9H8Z3K2E72Q4K9HCZ7VQ7ZWS8R", AddressError.BadWitnessVersion },
        { "bc1pw5dgrnzv", AddressError.BadLength },
        { "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v8n0nx0muaewav253zgeav", AddressError.BadLength },
        { "BC1QR508D6QEJXTDG4Y5R3ZARVARYV98GJ9P", AddressError.BadLength },
        { "bc1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7v07qwwzcrf", AddressError.BadPadding },
        { "bc1gmk9yu", AddressError.BadWitnessVersion },
    };

    [Theory]
    [MemberData(nameof(Invalid))]
    public void Parse_RejectsPublishedInvalidAddress_SayingWhy(string text, AddressError expected)
    {
        var error = Assert.Throws<AddressFormatException>(() => BtcAddress.Parse(text, Network.Main));

        Assert.Equal(expected, error.Error);
    }

    [Theory]
    [InlineData("tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq47Zagq", AddressError.MixedCase)]
    [InlineData("tb1z0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vqglt7rf", AddressError.WrongEncoding)]
    [InlineData("tb1q0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vq24jc47", AddressError.WrongEncoding)]
    [InlineData("tb1p0xlxvlhemja6c4dqv22uapctqupfhlxm9h8z3k2e72q4k9hcz7vpggkg4j", AddressError.BadPadding)]
    public void Parse_RejectsPublishedInvalidTestnetAddress(string text, AddressError expected)
    {
        var error = Assert.Throws<AddressFormatException>(() => BtcAddress.Parse(text, Network.Test));

        Assert.Equal(expected, error.Error);
    }

    private static string ScriptPubKey(BtcAddress address)
    {
        var program = address.Program.ToArray();
        var op = address.WitnessVersion == 0 ? 0 : 0x50 + address.WitnessVersion;
        return Convert.ToHexStringLower([(byte)op, (byte)program.Length, .. program]);
    }
}
