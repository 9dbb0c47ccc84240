using ChainTrace.Core.Chains;
using ChainTrace.Core.Encoding;

namespace ChainTrace.Core.Addresses;

/// <summary>
/// A Bitcoin address of a standard type, bound to a network at parse time. Canonical text: Base58Check for
/// P2PKH/P2SH, lower-case Bech32 (v0) or Bech32m (v1+) for segwit.
/// </summary>
public sealed class BtcAddress : Address
{
    private BtcAddress(Network network, BtcAddressType type, int witnessVersion, byte[] program)
        : base(BtcAddressKey.Build(type, witnessVersion, program))
    {
        Network = network;
        Type = type;
        WitnessVersion = witnessVersion;
        Program = program;
    }

    private string? _text;

    public override Chain Chain => Chain.Btc;

    public Network Network { get; }

    public BtcAddressType Type { get; }

    /// <summary>Segwit version (0–16), or -1 for Base58 types.</summary>
    public int WitnessVersion { get; }

    /// <summary>The hash or witness program the address commits to.</summary>
    public ReadOnlyMemory<byte> Program { get; }

    public static BtcAddress FromProgram(Network network, BtcAddressType type, ReadOnlySpan<byte> program, int witnessVersion = -1)
    {
        var expected = type switch
        {
            BtcAddressType.P2PKH or BtcAddressType.P2SH or BtcAddressType.P2WPKH => 20,
            BtcAddressType.P2WSH or BtcAddressType.P2TR => 32,
            _ => -1,
        };
        if (expected > 0 && program.Length != expected)
        {
            throw new AddressFormatException(AddressError.BadLength, $"a {type} program is {expected} bytes, got {program.Length}");
        }

        var version = type switch
        {
            BtcAddressType.P2PKH or BtcAddressType.P2SH => -1,
            BtcAddressType.P2WPKH or BtcAddressType.P2WSH => 0,
            BtcAddressType.P2TR => 1,
            _ => witnessVersion,
        };
        if (type == BtcAddressType.WitnessUnknown && (version is < 1 or > 16 || program.Length is < 2 or > 40))
        {
            throw new AddressFormatException(AddressError.BadWitnessVersion, $"witness v{version} with a {program.Length}-byte program is not a valid segwit output");
        }

        return new BtcAddress(network, type, version, program.ToArray());
    }

    public static BtcAddress Parse(string text, Network network) =>
        TryParse(text, network, out var address, out var error) ? address! : throw error!;

    public static bool TryParse(string? text, Network network, out BtcAddress? address, out AddressFormatException? error)
    {
        address = null;
        error = null;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = new AddressFormatException(AddressError.Empty, "the address is empty");
            return false;
        }

        var separator = text.LastIndexOf('1');
        var maybeHrp = separator > 0 ? text[..separator].ToLowerInvariant() : "";
        var looksBech32 = BtcNetworkPrefixes.NetworkOfHrp(maybeHrp) is not null;
        error = looksBech32 ? ParseSegwit(text, network, out address) : ParseBase58(text, network, out address);
        return error is null;
    }

    private static AddressFormatException? ParseBase58(string text, Network network, out BtcAddress? address)
    {
        address = null;
        var status = Base58Check.TryDecode(text, out var payload, out var badIndex);
        if (status != Base58Check.DecodeStatus.Ok && Bech32.TryDecode(text, out var hrp, out _, out _) == Bech32.DecodeStatus.Ok)
        {
            return new AddressFormatException(AddressError.UnknownVersion, $"'{text}' is Bech32 with human-readable part '{hrp}', which is not a Bitcoin network (bc, tb, bcrt)");
        }

        switch (status)
        {
            case Base58Check.DecodeStatus.BadCharacter:
                return new AddressFormatException(AddressError.BadCharacter, $"'{text[badIndex]}' at position {badIndex + 1} is not a Base58 character");
            case Base58Check.DecodeStatus.TooShort:
                return new AddressFormatException(AddressError.BadLength, $"'{text}' is too short for a Base58Check address");
            case Base58Check.DecodeStatus.BadChecksum:
                return new AddressFormatException(AddressError.BadChecksum, $"'{text}' has a bad Base58Check checksum (mistyped?)");
        }

        if (payload.Length != 21)
        {
            return new AddressFormatException(AddressError.BadLength, $"a Base58 address holds 21 bytes (version + 20-byte hash), '{text}' holds {payload.Length}");
        }

        var version = payload[0];
        BtcAddressType type;
        if (version == BtcNetworkPrefixes.PubKeyHash(network))
        {
            type = BtcAddressType.P2PKH;
        }
        else if (version == BtcNetworkPrefixes.ScriptHash(network))
        {
            type = BtcAddressType.P2SH;
        }
        else
        {
            foreach (var other in Enum.GetValues<Network>())
            {
                if (version == BtcNetworkPrefixes.PubKeyHash(other) || version == BtcNetworkPrefixes.ScriptHash(other))
                {
                    return WrongNetwork(text, other, network);
                }
            }

            return new AddressFormatException(AddressError.UnknownVersion, $"version byte 0x{version:x2} of '{text}' is not a Bitcoin address version");
        }

        // A valid Base58Check text is the only encoding of its payload: it is the address's text as it stands.
        address = new BtcAddress(network, type, -1, payload[1..]) { _text = text };
        return null;
    }

    private static AddressFormatException? ParseSegwit(string text, Network network, out BtcAddress? address)
    {
        address = null;
        var status = Bech32.TryDecode(text, out var hrp, out var data, out var variant);
        switch (status)
        {
            case Bech32.DecodeStatus.MixedCase:
                return new AddressFormatException(AddressError.MixedCase, $"'{text}' mixes upper and lower case, which Bech32 forbids");
            case Bech32.DecodeStatus.BadCharacter:
                return new AddressFormatException(AddressError.BadCharacter, $"'{text}' contains a character outside the Bech32 alphabet");
            case Bech32.DecodeStatus.BadLength or Bech32.DecodeStatus.NoSeparator:
                return new AddressFormatException(AddressError.BadLength, $"'{text}' has a bad Bech32 length");
            case Bech32.DecodeStatus.BadChecksum:
                return new AddressFormatException(AddressError.BadChecksum, $"'{text}' has a bad Bech32/Bech32m checksum (mistyped?)");
        }

        var addressNetwork = BtcNetworkPrefixes.NetworkOfHrp(hrp)!.Value;
        if (addressNetwork != network)
        {
            return WrongNetwork(text, addressNetwork, network);
        }

        if (data.Length < 1 || data[0] > 16)
        {
            return new AddressFormatException(AddressError.BadWitnessVersion, $"'{text}' has no valid witness version");
        }

        var version = data[0];
        var program = Bech32.ConvertBits(data.AsSpan(1), 5, 8, pad: false);
        if (program is null)
        {
            return new AddressFormatException(AddressError.BadPadding, $"'{text}' has invalid padding in its witness program");
        }

        if (program.Length is < 2 or > 40)
        {
            return new AddressFormatException(AddressError.BadLength, $"a witness program is 2 to 40 bytes, '{text}' holds {program.Length}");
        }

        if (version == 0 && program.Length is not (20 or 32))
        {
            return new AddressFormatException(AddressError.BadLength, $"a v0 witness program is 20 or 32 bytes, '{text}' holds {program.Length}");
        }

        var expectedVariant = version == 0 ? Bech32.Variant.Bech32 : Bech32.Variant.Bech32m;
        if (variant != expectedVariant)
        {
            return new AddressFormatException(AddressError.WrongEncoding, $"witness v{version} addresses use {expectedVariant}, '{text}' is encoded as {variant}");
        }

        var type = (version, program.Length) switch
        {
            (0, 20) => BtcAddressType.P2WPKH,
            (0, 32) => BtcAddressType.P2WSH,
            (1, 32) => BtcAddressType.P2TR,
            _ => BtcAddressType.WitnessUnknown,
        };
        // Bech32 is case-insensitive and encodes one way once lowercased (the checksum passed): that is its text.
        address = new BtcAddress(network, type, version, program) { _text = text.ToLowerInvariant() };
        return null;
    }

    private static AddressFormatException WrongNetwork(string text, Network actual, Network expected) =>
        new(AddressError.WrongNetwork, $"'{text}' is a {BtcNetworkPrefixes.Describe(actual)} address, expected {BtcNetworkPrefixes.Describe(expected)}");

    /// <summary>The address in its standard encoding (Base58Check, or lowercase Bech32/Bech32m); computed once.</summary>
    public override string ToString() => _text ??= Encode();

    private string Encode()
    {
        if (WitnessVersion < 0)
        {
            Span<byte> payload = stackalloc byte[21];
            payload[0] = Type == BtcAddressType.P2PKH ? BtcNetworkPrefixes.PubKeyHash(Network) : BtcNetworkPrefixes.ScriptHash(Network);
            Program.Span.CopyTo(payload[1..]);
            return Base58Check.Encode(payload);
        }

        var data = new List<byte> { (byte)WitnessVersion };
        data.AddRange(Bech32.ConvertBits(Program.Span, 8, 5, pad: true)!);
        return Bech32.Encode(BtcNetworkPrefixes.Hrp(Network), data.ToArray(), WitnessVersion == 0 ? Bech32.Variant.Bech32 : Bech32.Variant.Bech32m);
    }
}
