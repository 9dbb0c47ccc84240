using System.Globalization;
using ChainTrace.Core.Ports;

namespace ChainTrace.Bitcoin.RawFiles;

/// <summary>
/// Reads a file that holds serialized bytes either as binary or as hex text (what <c>getblock … 0</c> or an
/// explorer's raw view gives). Hex is recognised by its first characters: binary blocks and transactions
/// start with a version number whose bytes are not all printable hex digits.
/// </summary>
internal static class RawFileContent
{
    private const int SniffLength = 160;

    /// <summary>A block or transaction is at most 4 MB; as hex text with line breaks, a little over twice that.</summary>
    private const long MaxFileBytes = 9L * Blocks.BlockFileIndexer.MaxBlockLength / 4 * 2;

    public static async Task<byte[]> LoadAsync(string path, string what, CancellationToken cancellationToken)
    {
        var bytes = await ChainTrace.Files.InputFile.ReadAllBytesAsync(path, what, MaxFileBytes, cancellationToken).ConfigureAwait(false);
        return LooksLikeHex(bytes) ? DecodeHex(bytes, path) : bytes;
    }

    internal static bool LooksLikeHex(ReadOnlySpan<byte> bytes)
    {
        var start = SkipWhitespace(bytes, 0);
        if (start + 1 < bytes.Length && bytes[start] == '0' && (bytes[start + 1] == 'x' || bytes[start + 1] == 'X'))
        {
            start += 2;
        }

        var sniff = bytes[start..Math.Min(bytes.Length, start + SniffLength)];
        if (sniff.Length < 2)
        {
            return false;
        }

        foreach (var b in sniff)
        {
            if (!char.IsAsciiHexDigit((char)b) && !IsWhitespace(b))
            {
                return false;
            }
        }

        return true;
    }

    private static byte[] DecodeHex(byte[] text, string path)
    {
        var output = new byte[text.Length / 2];
        var written = 0;
        var high = -1;
        var pos = SkipWhitespace(text, 0);
        if (pos + 1 < text.Length && text[pos] == '0' && (text[pos + 1] == 'x' || text[pos + 1] == 'X'))
        {
            pos += 2;
        }

        for (; pos < text.Length; pos++)
        {
            var b = text[pos];
            if (IsWhitespace(b))
            {
                continue;
            }

            var nibble = HexValue(b);
            if (nibble < 0)
            {
                throw new MalformedDataException($"{path} at byte {pos}", string.Create(CultureInfo.InvariantCulture, $"0x{b:x2} is not a hex digit"));
            }

            if (high < 0)
            {
                high = nibble;
            }
            else
            {
                output[written++] = (byte)((high << 4) | nibble);
                high = -1;
            }
        }

        if (high >= 0)
        {
            throw new MalformedDataException($"{path} at byte {text.Length}", "odd number of hex digits");
        }

        return output[..written];
    }

    private static int HexValue(byte b) => b switch
    {
        >= (byte)'0' and <= (byte)'9' => b - '0',
        >= (byte)'a' and <= (byte)'f' => b - 'a' + 10,
        >= (byte)'A' and <= (byte)'F' => b - 'A' + 10,
        _ => -1,
    };

    private static bool IsWhitespace(byte b) => b is (byte)' ' or (byte)'\n' or (byte)'\r' or (byte)'\t';

    private static int SkipWhitespace(ReadOnlySpan<byte> bytes, int pos)
    {
        while (pos < bytes.Length && IsWhitespace(bytes[pos]))
        {
            pos++;
        }

        return pos;
    }
}
