using System.Security.Cryptography;

namespace ChainTrace.Core.Encoding;

/// <summary>Base58 with a 4-byte double-SHA256 checksum, as used by legacy Bitcoin addresses.</summary>
public static class Base58Check
{
    private const string Alphabet = "123456789ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz";
    private static readonly sbyte[] Digits = BuildDigits();

    public enum DecodeStatus
    {
        Ok,
        BadCharacter,
        TooShort,
        BadChecksum,
    }

    public static string Encode(ReadOnlySpan<byte> payload)
    {
        Span<byte> data = stackalloc byte[payload.Length + 4];
        payload.CopyTo(data);
        Span<byte> hash = stackalloc byte[32];
        DoubleSha256(payload, hash);
        hash[..4].CopyTo(data[payload.Length..]);
        return EncodePlain(data);
    }

    public static string EncodePlain(ReadOnlySpan<byte> data)
    {
        var zeros = 0;
        while (zeros < data.Length && data[zeros] == 0)
        {
            zeros++;
        }

        // log(256)/log(58) ≈ 1.37: enough base-58 digits for the input.
        var b58 = new byte[((data.Length - zeros) * 138 / 100) + 1];
        var length = 0;
        for (var i = zeros; i < data.Length; i++)
        {
            int carry = data[i];
            var j = 0;
            for (var k = b58.Length - 1; (carry != 0 || j < length) && k >= 0; k--, j++)
            {
                carry += 256 * b58[k];
                b58[k] = (byte)(carry % 58);
                carry /= 58;
            }

            length = j;
        }

        var start = b58.Length - length;
        while (start < b58.Length && b58[start] == 0)
        {
            start++;
        }

        var chars = new char[zeros + (b58.Length - start)];
        chars.AsSpan(0, zeros).Fill('1');
        for (var i = start; i < b58.Length; i++)
        {
            chars[zeros + i - start] = Alphabet[b58[i]];
        }

        return new string(chars);
    }

    /// <summary>Decodes and verifies the checksum; <paramref name="payload"/> excludes the checksum.</summary>
    public static DecodeStatus TryDecode(string text, out byte[] payload, out int badIndex)
    {
        payload = [];
        badIndex = -1;
        var zeros = 0;
        while (zeros < text.Length && text[zeros] == '1')
        {
            zeros++;
        }

        var b256 = new byte[(text.Length * 733 / 1000) + 1];
        var length = 0;
        for (var i = zeros; i < text.Length; i++)
        {
            var c = text[i];
            var digit = c < 128 ? Digits[c] : -1;
            if (digit < 0)
            {
                badIndex = i;
                return DecodeStatus.BadCharacter;
            }

            var carry = digit;
            var j = 0;
            for (var k = b256.Length - 1; (carry != 0 || j < length) && k >= 0; k--, j++)
            {
                carry += 58 * b256[k];
                b256[k] = (byte)(carry % 256);
                carry /= 256;
            }

            length = j;
        }

        var start = b256.Length - length;
        while (start < b256.Length && b256[start] == 0)
        {
            start++;
        }

        var data = new byte[zeros + (b256.Length - start)];
        b256.AsSpan(start).CopyTo(data.AsSpan(zeros));
        if (data.Length < 5)
        {
            return DecodeStatus.TooShort;
        }

        Span<byte> hash = stackalloc byte[32];
        DoubleSha256(data.AsSpan(0, data.Length - 4), hash);
        if (!hash[..4].SequenceEqual(data.AsSpan(data.Length - 4)))
        {
            return DecodeStatus.BadChecksum;
        }

        payload = data[..^4];
        return DecodeStatus.Ok;
    }

    private static void DoubleSha256(ReadOnlySpan<byte> data, Span<byte> destination)
    {
        SHA256.HashData(data, destination);
        SHA256.HashData(destination, destination);
    }

    private static sbyte[] BuildDigits()
    {
        var digits = new sbyte[128];
        Array.Fill(digits, (sbyte)-1);
        for (var i = 0; i < Alphabet.Length; i++)
        {
            digits[Alphabet[i]] = (sbyte)i;
        }

        return digits;
    }
}
