using System.Globalization;
using System.Text.Json;

namespace ChainTrace.Bitcoin.Rpc;

/// <summary>
/// Bitcoin Core writes amounts as decimal BTC numbers. They are read from the raw JSON text as decimal (exact
/// for 8 fractional digits), never through double, and must be a whole number of satoshis.
/// </summary>
public static class BtcAmount
{
    private const decimal SatoshisPerBitcoin = 100_000_000m;

    public static long ToSatoshis(JsonElement value, string field)
    {
        if (value.ValueKind != JsonValueKind.Number)
        {
            throw new FormatException($"{field}: expected a JSON number of BTC, got {value.ValueKind}");
        }

        return ToSatoshis(value.GetRawText(), field);
    }

    public static long ToSatoshis(string btc, string field)
    {
        if (!decimal.TryParse(btc, NumberStyles.AllowLeadingSign | NumberStyles.AllowDecimalPoint | NumberStyles.AllowExponent, CultureInfo.InvariantCulture, out var amount))
        {
            throw new FormatException($"{field}: '{btc}' is not a BTC amount");
        }

        var satoshis = amount * SatoshisPerBitcoin;
        if (satoshis != decimal.Truncate(satoshis))
        {
            throw new FormatException($"{field}: {btc} BTC is not a whole number of satoshis");
        }

        if (satoshis < 0 || satoshis > 21_000_000m * SatoshisPerBitcoin)
        {
            throw new FormatException($"{field}: {btc} BTC is outside 0 … 21,000,000");
        }

        return (long)satoshis;
    }
}
