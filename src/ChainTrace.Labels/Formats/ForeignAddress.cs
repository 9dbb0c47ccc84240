using ChainTrace.Core.Encoding;

namespace ChainTrace.Labels.Formats;

/// <summary>
/// Recognises well-formed addresses of chains ChainTrace does not ingest when a source files them under one it
/// does (the OFAC lists hold a Tron address among Bitcoin's). Recognition is by checksum, never by shape: a
/// Tron address is Base58Check over 21 bytes whose version byte is 0x41, so a mistyped one stays a bad line.
/// </summary>
internal static class ForeignAddress
{
    private const byte TronVersion = 0x41;

    /// <summary>The currency code of the chain <paramref name="text"/> validly belongs to, or null.</summary>
    public static string? CurrencyOf(string text)
    {
        var trimmed = text.Trim();
        if (trimmed.Length == 34 && trimmed[0] == 'T'
            && Base58Check.TryDecode(trimmed, out var payload, out _) == Base58Check.DecodeStatus.Ok
            && payload.Length == 21 && payload[0] == TronVersion)
        {
            return "TRX";
        }

        return null;
    }
}
