using System.Globalization;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Ports;
using ChainTrace.Core.Primitives;

namespace ChainTrace.Ethereum.Parsing;

/// <summary>Strict parsing of JSON-RPC hex values; every failure names where and which field.</summary>
public static class EthHex
{
    public static UInt256 Quantity(string? text, string location, string field)
    {
        try
        {
            return UInt256.ParseHex(text ?? throw new FormatException("missing"));
        }
        catch (FormatException e)
        {
            throw new MalformedDataException(location, $"field '{field}': {e.Message}", e);
        }
    }

    public static long Int64(string? text, string location, string field)
    {
        var value = Quantity(text, location, field).ToBigInteger();
        return value > long.MaxValue
            ? throw new MalformedDataException(location, $"field '{field}': '{text}' is too large")
            : (long)value;
    }

    public static EthAddress Address(string? text, string location, string field)
    {
        if (!EthAddress.TryParse(text, out var address, out var error))
        {
            throw new MalformedDataException(location, $"field '{field}': {error!.Message}", error);
        }

        return address!;
    }

    public static EthAddress? OptionalAddress(string? text, string location, string field) =>
        string.IsNullOrEmpty(text) ? null : Address(text, location, field);

    public static Hash32 Hash(string? text, string location, string field) =>
        Hash32.TryParse(text, out var hash)
            ? hash
            : throw new MalformedDataException(location, $"field '{field}': '{text}' is not a 32-byte hash (0x and 64 hex digits)");

    public static byte[] Data(string? text, string location, string field)
    {
        if (text is null || !text.StartsWith("0x", StringComparison.OrdinalIgnoreCase) || text.Length % 2 != 0)
        {
            throw new MalformedDataException(location, $"field '{field}': '{Shorten(text)}' is not hex data (0x and an even number of hex digits)");
        }

        try
        {
            return Convert.FromHexString(text.AsSpan(2));
        }
        catch (FormatException e)
        {
            throw new MalformedDataException(location, $"field '{field}': '{Shorten(text)}' contains a non-hex character", e);
        }
    }

    /// <summary>A decimal integer as blockchain-etl writes values (wei, token units).</summary>
    public static UInt256 Decimal(string? text, string location, string field)
    {
        try
        {
            return UInt256.Parse(text ?? throw new FormatException("missing"));
        }
        catch (Exception e) when (e is FormatException or OverflowException)
        {
            throw new MalformedDataException(location, $"field '{field}': {e.Message}", e);
        }
    }

    public static long DecimalInt64(string? text, string location, string field) =>
        long.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out var value)
            ? value
            : throw new MalformedDataException(location, System.Numerics.BigInteger.TryParse(text, NumberStyles.None, CultureInfo.InvariantCulture, out _)
                // mev-inspect exports write 2^64-1 as a "no value" sentinel in some receipts' gas_used.
                ? $"field '{field}': '{text}' is larger than {long.MaxValue} (a sentinel for a missing value?)"
                : $"field '{field}': '{text}' is not a non-negative integer");

    private static string? Shorten(string? text) => text is { Length: > 80 } ? text[..80] + "…" : text;
}
