using System.Security.Cryptography;
using ChainTrace.Core.Encoding;

namespace ChainTrace.Bitcoin.Mapping;

/// <summary>RIPEMD-160 of SHA-256: the hash behind P2PKH and P2SH addresses (RIPEMD-160 from Core, no allocation but the result).</summary>
internal static class Hash160
{
    public static byte[] Of(ReadOnlySpan<byte> data)
    {
        Span<byte> sha = stackalloc byte[32];
        SHA256.HashData(data, sha);
        var result = new byte[Ripemd160.Size];
        Ripemd160.Hash(sha, result);
        return result;
    }
}
