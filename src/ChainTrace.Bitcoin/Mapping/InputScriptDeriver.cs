using System.Security.Cryptography;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Utxo;
using NBitcoin;

namespace ChainTrace.Bitcoin.Mapping;

/// <summary>
/// Derives the address an input spends from its scriptSig and witness alone (no prevout): the standard
/// spend shapes reveal the public key or the redeem/witness script whose hash is the address. Taproot and
/// anything unrecognised yield no address rather than a guess.
/// </summary>
internal static class InputScriptDeriver
{
    public static (OutputKind Kind, byte[] AddressKey)? Derive(ReadOnlySpan<byte> scriptSig, WitScript witness)
    {
        var witnessCount = witness.PushCount;
        if (scriptSig.Length == 0)
        {
            return witnessCount == 0 ? null : FromNativeWitness(witness, witnessCount);
        }

        Span<(int Start, int Length)> pushes = stackalloc (int, int)[ScriptPushes.MaxPushes];
        if (!ScriptPushes.TryRead(scriptSig, pushes, out var count) || count == 0)
        {
            return null;
        }

        var last = scriptSig.Slice(pushes[count - 1].Start, pushes[count - 1].Length);
        if (witnessCount == 0 && count == 2 && IsPubKey(last) && pushes[0].Length > 0)
        {
            return (OutputKind.P2PKH, BtcAddressKey.Build(BtcAddressType.P2PKH, 0, Hash160.Of(last)));
        }

        if (IsRedeemScript(last, nested: witnessCount > 0 && count == 1))
        {
            return (OutputKind.P2SH, BtcAddressKey.Build(BtcAddressType.P2SH, 0, Hash160.Of(last)));
        }

        return null;
    }

    private static (OutputKind, byte[])? FromNativeWitness(WitScript witness, int count)
    {
        var last = witness[count - 1];
        if (count == 2 && last.Length == 33 && (last[0] == 0x02 || last[0] == 0x03))
        {
            return (OutputKind.P2WPKH, BtcAddressKey.Build(BtcAddressType.P2WPKH, 0, Hash160.Of(last)));
        }

        if (count < 2 || IsTaprootTail(last))
        {
            // One item is a taproot key-path signature; an annex or control block marks a taproot spend.
            return null;
        }

        return (OutputKind.P2WSH, BtcAddressKey.Build(BtcAddressType.P2WSH, 0, SHA256.HashData(last)));
    }

    /// <summary>An annex (0x50…) or a control block (33 + 32k bytes, leaf version byte 0xc0/0xc1 and kin).</summary>
    private static bool IsTaprootTail(byte[] last)
    {
        if (last.Length > 0 && last[0] == 0x50)
        {
            return true;
        }

        return last.Length >= 33 && (last.Length - 33) % 32 == 0 && (last.Length - 33) / 32 <= 128 && (last[0] & 0xfe) == 0xc0;
    }

    /// <summary>
    /// A redeem script is recognised by shape: a nested witness program (P2SH-P2WPKH/P2WSH, the only push
    /// of a scriptSig with a witness), or a script that parses whole and ends in a checking opcode, as
    /// multisig and HTLC redeem scripts do. Signatures and public keys fail that parse or that ending.
    /// </summary>
    private static bool IsRedeemScript(ReadOnlySpan<byte> last, bool nested)
    {
        if (OutputScriptClassifier.TryWitnessProgram(last, out var version, out var program))
        {
            return nested || (version == 0 && (program.Length == 20 || program.Length == 32));
        }

        if (last.Length < 2 || IsPubKey(last) || LooksLikeSignature(last) || !ScriptPushes.TryGetLastOpcode(last, out var op))
        {
            return false;
        }

        return op is 0xac or 0xad or 0xae or 0xaf or 0x87 or 0x88 or 0x68 or 0x69 or 0x75 or 0xb1 or 0xb2;
    }

    private static bool IsPubKey(ReadOnlySpan<byte> data) =>
        (data.Length == 33 && (data[0] == 0x02 || data[0] == 0x03))
        || (data.Length == 65 && (data[0] == 0x04 || data[0] == 0x06 || data[0] == 0x07));

    /// <summary>A DER signature plus sighash byte: 0x30, total length byte matching, 9 to 73 bytes.</summary>
    private static bool LooksLikeSignature(ReadOnlySpan<byte> data) =>
        data.Length >= 9 && data.Length <= 73 && data[0] == 0x30 && data[1] == data.Length - 3;
}
