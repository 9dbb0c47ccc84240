using System.Security.Cryptography;
using NBitcoin.Crypto;

namespace ChainTrace.Bitcoin.Mapping;

/// <summary>RIPEMD-160 of SHA-256: the hash behind P2PKH and P2SH addresses. .NET has no RIPEMD-160, NBitcoin does.</summary>
internal static class Hash160
{
    public static byte[] Of(ReadOnlySpan<byte> data)
    {
        var sha = SHA256.HashData(data);
        return Hashes.RIPEMD160(sha, sha.Length);
    }
}
