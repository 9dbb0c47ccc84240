using ChainTrace.Core.Encoding;

namespace ChainTrace.Core.Tests.Encoding;

/// <summary>The published RIPEMD-160 test vectors (Dobbertin, Bosselaers, Preneel), across the padding boundaries.</summary>
public sealed class Ripemd160Tests
{
    [Theory]
    [InlineData("", "9c1185a5c5e9fc54612808977ee8f548b2258d31")]
    [InlineData("a", "0bdc9d2d256b3ee9daae347be6f4dc835a467ffe")]
    [InlineData("abc", "8eb208f7e05d987a9b044a8e98c6b087f15a0bfc")]
    [InlineData("message digest", "5d0689ef49d2fae572b881b123a85ffa21595f36")]
    [InlineData("abcdefghijklmnopqrstuvwxyz", "f71c27109c692c1b56bbdceb5b9d2865b3708dbc")]
    [InlineData("abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq", "12a053384a9c0c88e405a06c27dcf49ada62eb2b")]
    [InlineData("12345678901234567890123456789012345678901234567890123456789012345678901234567890", "9b752e45573d4b39f4dbd3323cab82bf63326bfb")]
    public void Hash_MatchesPublishedVectors(string message, string expectedHex)
    {
        var digest = new byte[Ripemd160.Size];
        Ripemd160.Hash(System.Text.Encoding.ASCII.GetBytes(message), digest);
        Assert.Equal(expectedHex, Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void Hash_OfAMillionAs_MatchesThePublishedVector()
    {
        var digest = new byte[Ripemd160.Size];
        Ripemd160.Hash(Enumerable.Repeat((byte)'a', 1_000_000).ToArray(), digest);
        Assert.Equal("52783243c1697bdbe16d37f97f68f08325dc1528", Convert.ToHexStringLower(digest));
    }

    [Fact]
    public void Hash_RefusesADestinationShorterThanTwentyBytes()
    {
        Assert.Throws<ArgumentException>(() => Ripemd160.Hash("abc"u8, new byte[19]));
    }
}
