using ChainTrace.Core.Addresses;
using ChainTrace.Core.Utxo;

namespace ChainTrace.Bitcoin.Mapping;

/// <summary>
/// Classifies an output script from its bytes, following Bitcoin Core's Solver templates, and builds the
/// address key directly. No text encoding here: this runs once per output on the ingest hot path.
/// </summary>
public static class OutputScriptClassifier
{
    private const byte OpReturn = 0x6a;
    private const byte OpDup = 0x76;
    private const byte OpHash160 = 0xa9;
    private const byte OpEqual = 0x87;
    private const byte OpEqualVerify = 0x88;
    private const byte OpCheckSig = 0xac;
    private const byte OpCheckMultiSig = 0xae;

    public static (OutputKind Kind, byte[]? AddressKey) Classify(ReadOnlySpan<byte> script)
    {
        if (script.Length == 25 && script[0] == OpDup && script[1] == OpHash160 && script[2] == 20
            && script[23] == OpEqualVerify && script[24] == OpCheckSig)
        {
            return (OutputKind.P2PKH, BtcAddressKey.Build(BtcAddressType.P2PKH, 0, script.Slice(3, 20)));
        }

        if (script.Length == 23 && script[0] == OpHash160 && script[1] == 20 && script[22] == OpEqual)
        {
            return (OutputKind.P2SH, BtcAddressKey.Build(BtcAddressType.P2SH, 0, script.Slice(2, 20)));
        }

        if (TryWitnessProgram(script, out var version, out var program))
        {
            return ClassifyWitness(version, program);
        }

        if (IsPayToPubKey(script, out var pubKey))
        {
            return (OutputKind.P2PK, BtcAddressKey.Build(BtcAddressType.P2PKH, 0, Hash160.Of(pubKey)));
        }

        if (script.Length >= 1 && script[0] == OpReturn)
        {
            return (OutputKind.NullData, null);
        }

        return IsBareMultisig(script) ? (OutputKind.Multisig, null) : (OutputKind.NonStandard, null);
    }

    /// <summary>BIP-141: a version opcode (OP_0, OP_1..OP_16) followed by one direct push of 2 to 40 bytes, nothing else.</summary>
    internal static bool TryWitnessProgram(ReadOnlySpan<byte> script, out int version, out ReadOnlySpan<byte> program)
    {
        version = -1;
        program = default;
        if (script.Length < 4 || script.Length > 42 || script[1] != script.Length - 2)
        {
            return false;
        }

        var op = script[0];
        if (op == 0)
        {
            version = 0;
        }
        else if (op >= 0x51 && op <= 0x60)
        {
            version = op - 0x50;
        }
        else
        {
            return false;
        }

        program = script[2..];
        return true;
    }

    private static (OutputKind, byte[]?) ClassifyWitness(int version, ReadOnlySpan<byte> program)
    {
        if (version == 0)
        {
            return program.Length switch
            {
                20 => (OutputKind.P2WPKH, BtcAddressKey.Build(BtcAddressType.P2WPKH, 0, program)),
                32 => (OutputKind.P2WSH, BtcAddressKey.Build(BtcAddressType.P2WSH, 0, program)),
                // A v0 program of another length can never be spent; Core calls it non-standard.
                _ => (OutputKind.NonStandard, null),
            };
        }

        if (version == 1 && program.Length == 32)
        {
            return (OutputKind.P2TR, BtcAddressKey.Build(BtcAddressType.P2TR, 1, program));
        }

        return (OutputKind.WitnessUnknown, BtcAddressKey.Build(BtcAddressType.WitnessUnknown, version, program));
    }

    private static bool IsPayToPubKey(ReadOnlySpan<byte> script, out ReadOnlySpan<byte> pubKey)
    {
        pubKey = default;
        if (script.Length == 35 && script[0] == 33 && script[34] == OpCheckSig && (script[1] == 0x02 || script[1] == 0x03))
        {
            pubKey = script.Slice(1, 33);
            return true;
        }

        // 0x06/0x07 are "hybrid" keys, which Core's size check accepts alongside uncompressed 0x04.
        if (script.Length == 67 && script[0] == 65 && script[66] == OpCheckSig && (script[1] == 0x04 || script[1] == 0x06 || script[1] == 0x07))
        {
            pubKey = script.Slice(1, 65);
            return true;
        }

        return false;
    }

    /// <summary>OP_m &lt;pubkey&gt;×n OP_n OP_CHECKMULTISIG with 1 ≤ m ≤ n ≤ 16.</summary>
    private static bool IsBareMultisig(ReadOnlySpan<byte> script)
    {
        if (script.Length < 37 || script[^1] != OpCheckMultiSig)
        {
            return false;
        }

        var m = script[0] - 0x50;
        var n = script[^2] - 0x50;
        if (m < 1 || m > 16 || n < m || n > 16)
        {
            return false;
        }

        var pos = 1;
        var keys = 0;
        while (pos < script.Length - 2)
        {
            var len = script[pos];
            if ((len != 33 && len != 65) || pos + 1 + len > script.Length - 2)
            {
                return false;
            }

            pos += 1 + len;
            keys++;
        }

        return keys == n;
    }
}
