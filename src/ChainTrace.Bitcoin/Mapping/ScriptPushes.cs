namespace ChainTrace.Bitcoin.Mapping;

/// <summary>
/// Walks the data pushes of a script without allocating, the way scriptSigs are read to find public keys
/// and redeem scripts. A script that is not push-only, or whose last push runs past its end, yields false.
/// </summary>
internal static class ScriptPushes
{
    public const int MaxPushes = 64;

    /// <summary>Fills <paramref name="ranges"/> with (start, length) of each push; false when not push-only or malformed.</summary>
    public static bool TryRead(ReadOnlySpan<byte> script, Span<(int Start, int Length)> ranges, out int count)
    {
        count = 0;
        var pos = 0;
        while (pos < script.Length)
        {
            if (count == ranges.Length)
            {
                return false;
            }

            if (!TryReadOne(script, ref pos, out var start, out var length, out var isPush) || !isPush)
            {
                return false;
            }

            ranges[count++] = (start, length);
        }

        return true;
    }

    /// <summary>True when the whole script parses into opcodes (no push runs past the end).</summary>
    public static bool TryGetLastOpcode(ReadOnlySpan<byte> script, out byte lastOpcode)
    {
        lastOpcode = 0;
        var pos = 0;
        while (pos < script.Length)
        {
            var opcode = script[pos];
            if (!TryReadOne(script, ref pos, out _, out _, out _))
            {
                return false;
            }

            lastOpcode = opcode;
        }

        return script.Length > 0;
    }

    /// <summary>
    /// Reads one opcode at <paramref name="pos"/>. Pushes report their data range; OP_0 and OP_1NEGATE..OP_16
    /// count as pushes (of computed values) with an empty range, which is what a scriptSig walk needs.
    /// </summary>
    private static bool TryReadOne(ReadOnlySpan<byte> script, ref int pos, out int start, out int length, out bool isPush)
    {
        var opcode = script[pos++];
        start = pos;
        length = 0;
        isPush = true;
        if (opcode <= 0x4b)
        {
            length = opcode;
        }
        else if (opcode == 0x4c)
        {
            if (pos + 1 > script.Length)
            {
                return false;
            }

            length = script[pos];
            pos += 1;
        }
        else if (opcode == 0x4d)
        {
            if (pos + 2 > script.Length)
            {
                return false;
            }

            length = script[pos] | (script[pos + 1] << 8);
            pos += 2;
        }
        else if (opcode == 0x4e)
        {
            if (pos + 4 > script.Length)
            {
                return false;
            }

            var wide = (uint)(script[pos] | (script[pos + 1] << 8) | (script[pos + 2] << 16) | (script[pos + 3] << 24));
            if (wide > int.MaxValue)
            {
                return false;
            }

            length = (int)wide;
            pos += 4;
        }
        else
        {
            isPush = opcode == 0x4f || (opcode >= 0x51 && opcode <= 0x60);
            start = pos;
            return true;
        }

        start = pos;
        if (length > script.Length - pos)
        {
            return false;
        }

        pos += length;
        return true;
    }
}
