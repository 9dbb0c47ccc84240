using ChainTrace.Core.Addresses;

namespace ChainTrace.Core.Tests.Addresses;

/// <summary>EIP-55's own examples: checksummed, all-caps and all-lower forms.</summary>
public sealed class EthAddressTests
{
    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    [InlineData("0x52908400098527886E0F7030069857D2E4169EE7")]
    [InlineData("0x8617E340B3D01FA5F11F306F4090FD50E238070D")]
    [InlineData("0xde709f2102306220921060314715629080e2fb77")]
    [InlineData("0x27b1fdb04752bbc536007a920d24acb045561c26")]
    public void Parse_AcceptsEip55Vectors_AndCanonicalisesToLowerCase(string text)
    {
        var address = EthAddress.Parse(text);

        Assert.Equal(text.ToLowerInvariant(), address.ToString());
    }

    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAed")]
    [InlineData("0xfB6916095ca1df60bB79Ce92cE3Ea74c37c5d359")]
    [InlineData("0xdbF03B407c01E7cD3CBea99509d93f8DDDC8C6FB")]
    [InlineData("0xD1220A0cf47c7B9Be7A2E6BA89F429762e7b9aDb")]
    public void ToChecksumString_ReproducesEip55MixedCase(string text)
    {
        Assert.Equal(text, EthAddress.Parse(text.ToLowerInvariant()).ToChecksumString());
    }

    [Theory]
    [InlineData("0x5aAeb6053F3E94C9b9A09f33669435E7Ef1BeAeD", AddressError.BadChecksum)]
    [InlineData("0x5AAeb6053F3E94C9b9A09f33669435E7Ef1BeAed", AddressError.BadChecksum)]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beae", AddressError.BadLength)]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beaedd", AddressError.BadLength)]
    [InlineData("0x5aaeb6053f3e94c9b9a09f33669435e7ef1beagd", AddressError.BadCharacter)]
    [InlineData("5aaeb6053f3e94c9b9a09f33669435e7ef1beaed", AddressError.WrongEncoding)]
    [InlineData("  ", AddressError.Empty)]
    public void Parse_RejectsBadAddress_SayingWhy(string text, AddressError expected)
    {
        var error = Assert.Throws<AddressFormatException>(() => EthAddress.Parse(text));

        Assert.Equal(expected, error.Error);
    }

    [Fact]
    public void Keccak256_MatchesKnownDigestOfEmptyInput()
    {
        Assert.Equal(
            "c5d2460186f7233c927e7db2dcc703c0e500b653ca82273b7bfad8045d85a470",
            Convert.ToHexStringLower(ChainTrace.Core.Encoding.Keccak256.Hash([])));
    }
}
