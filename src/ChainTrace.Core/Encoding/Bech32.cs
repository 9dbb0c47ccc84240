namespace ChainTrace.Core.Encoding;

/// <summary>Bech32 (BIP-173) and Bech32m (BIP-350) encoding, with the segwit address rules on top.</summary>
public static class Bech32
{
    private const string Charset = "qpzry9x8gf2tvdw0s3jn54khce6mua7l";
    private const uint Bech32Const = 1;
    private const uint Bech32mConst = 0x2bc830a3;
    private static readonly uint[] Generator = [0x3b6a57b2, 0x26508e6d, 0x1ea119fa, 0x3d4233dd, 0x2a1462b3];

    /// <summary>The 5-bit value of each lowercase ASCII character of <see cref="Charset"/>; -1 for every other character below 128.</summary>
    private static readonly sbyte[] CharsetValues = BuildCharsetValues();

    public enum Variant
    {
        Bech32,
        Bech32m,
    }

    public enum DecodeStatus
    {
        Ok,
        BadLength,
        MixedCase,
        BadCharacter,
        NoSeparator,
        BadChecksum,
    }

    public static DecodeStatus TryDecode(string text, out string hrp, out byte[] data, out Variant variant)
    {
        hrp = "";
        data = [];
        variant = Variant.Bech32;
        if (text.Length > 90)
        {
            return DecodeStatus.BadLength;
        }

        bool lower = false, upper = false;
        foreach (var c in text)
        {
            if (c < 33 || c > 126)
            {
                return DecodeStatus.BadCharacter;
            }

            lower |= char.IsAsciiLetterLower(c);
            upper |= char.IsAsciiLetterUpper(c);
        }

        if (lower && upper)
        {
            return DecodeStatus.MixedCase;
        }

        var s = text.ToLowerInvariant();
        var separator = s.LastIndexOf('1');
        if (separator < 1)
        {
            return DecodeStatus.NoSeparator;
        }

        if (separator + 7 > s.Length)
        {
            return DecodeStatus.BadLength;
        }

        var values = new byte[s.Length - separator - 1];
        for (var i = 0; i < values.Length; i++)
        {
            var c = s[separator + 1 + i];
            var index = c < 128 ? CharsetValues[c] : -1;
            if (index < 0)
            {
                return DecodeStatus.BadCharacter;
            }

            values[i] = (byte)index;
        }

        hrp = s[..separator];
        var check = Polymod(Polymod(1, HrpExpand(hrp)), values);
        if (check == Bech32Const)
        {
            variant = Variant.Bech32;
        }
        else if (check == Bech32mConst)
        {
            variant = Variant.Bech32m;
        }
        else
        {
            return DecodeStatus.BadChecksum;
        }

        data = values[..^6];
        return DecodeStatus.Ok;
    }

    public static string Encode(string hrp, ReadOnlySpan<byte> data, Variant variant)
    {
        var values = data.ToArray();
        var polymod = Polymod(Polymod(Polymod(1, HrpExpand(hrp)), values), stackalloc byte[6]) ^ (variant == Variant.Bech32 ? Bech32Const : Bech32mConst);
        var chars = new char[hrp.Length + 1 + values.Length + 6];
        hrp.CopyTo(0, chars, 0, hrp.Length);
        chars[hrp.Length] = '1';
        for (var i = 0; i < values.Length; i++)
        {
            chars[hrp.Length + 1 + i] = Charset[values[i]];
        }

        for (var i = 0; i < 6; i++)
        {
            chars[hrp.Length + 1 + values.Length + i] = Charset[(int)((polymod >> (5 * (5 - i))) & 31)];
        }

        return new string(chars);
    }

    /// <summary>Regroups bits; returns null when padding is invalid (only when <paramref name="pad"/> is false).</summary>
    public static byte[]? ConvertBits(ReadOnlySpan<byte> data, int fromBits, int toBits, bool pad)
    {
        var acc = 0;
        var bits = 0;
        var result = new List<byte>(data.Length * fromBits / toBits + 1);
        var maxv = (1 << toBits) - 1;
        foreach (var value in data)
        {
            if (value >> fromBits != 0)
            {
                return null;
            }

            acc = (acc << fromBits) | value;
            bits += fromBits;
            while (bits >= toBits)
            {
                bits -= toBits;
                result.Add((byte)((acc >> bits) & maxv));
            }
        }

        if (pad)
        {
            if (bits > 0)
            {
                result.Add((byte)((acc << (toBits - bits)) & maxv));
            }
        }
        else if (bits >= fromBits || ((acc << (toBits - bits)) & maxv) != 0)
        {
            return null;
        }

        return [.. result];
    }

    /// <summary>The BIP-173 checksum state after <paramref name="values"/>, from <paramref name="chk"/> (1 to start).</summary>
    private static uint Polymod(uint chk, ReadOnlySpan<byte> values)
    {
        foreach (var value in values)
        {
            var top = chk >> 25;
            chk = ((chk & 0x1ffffff) << 5) ^ value;
            for (var i = 0; i < 5; i++)
            {
                if (((top >> i) & 1) != 0)
                {
                    chk ^= Generator[i];
                }
            }
        }

        return chk;
    }

    private static sbyte[] BuildCharsetValues()
    {
        var values = new sbyte[128];
        Array.Fill(values, (sbyte)-1);
        for (var i = 0; i < Charset.Length; i++)
        {
            values[Charset[i]] = (sbyte)i;
        }

        return values;
    }

    private static byte[] HrpExpand(string hrp)
    {
        var result = new byte[(hrp.Length * 2) + 1];
        for (var i = 0; i < hrp.Length; i++)
        {
            result[i] = (byte)(hrp[i] >> 5);
            result[hrp.Length + 1 + i] = (byte)(hrp[i] & 31);
        }

        return result;
    }
}
