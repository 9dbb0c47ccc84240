using ChainTrace.Core.Chains;
using ChainTrace.Core.Encoding;

namespace ChainTrace.Core.Addresses;

/// <summary>
/// A 20-byte Ethereum address. All-lower and all-upper hex are accepted as they carry no checksum; mixed
/// case must match the EIP-55 checksum. Canonical text is lower case with <c>0x</c>.
/// </summary>
public sealed class EthAddress : Address
{
    private EthAddress(byte[] bytes)
        : base(bytes)
    {
    }

    public override Chain Chain => Chain.Eth;

    public static EthAddress Zero { get; } = new(new byte[20]);

    public static EthAddress FromBytes(ReadOnlySpan<byte> bytes) =>
        bytes.Length == 20
            ? new EthAddress(bytes.ToArray())
            : throw new AddressFormatException(AddressError.BadLength, $"an Ethereum address is 20 bytes, got {bytes.Length}");

    public static EthAddress Parse(string text) =>
        TryParse(text, out var address, out var error) ? address! : throw error!;

    public static bool TryParse(string? text, out EthAddress? address, out AddressFormatException? error)
    {
        address = null;
        error = null;
        text = text?.Trim();
        if (string.IsNullOrEmpty(text))
        {
            error = new AddressFormatException(AddressError.Empty, "the address is empty");
            return false;
        }

        if (!text.StartsWith("0x", StringComparison.Ordinal) && !text.StartsWith("0X", StringComparison.Ordinal))
        {
            error = new AddressFormatException(AddressError.WrongEncoding, $"'{text}' does not start with 0x");
            return false;
        }

        var hex = text[2..];
        if (hex.Length != 40)
        {
            error = new AddressFormatException(AddressError.BadLength, $"an Ethereum address has 40 hex digits after 0x, '{text}' has {hex.Length}");
            return false;
        }

        for (var i = 0; i < hex.Length; i++)
        {
            if (!char.IsAsciiHexDigit(hex[i]))
            {
                error = new AddressFormatException(AddressError.BadCharacter, $"'{hex[i]}' at position {i + 3} of '{text}' is not a hex digit");
                return false;
            }
        }

        var hasLower = hex.Any(char.IsAsciiLetterLower);
        var hasUpper = hex.Any(char.IsAsciiLetterUpper);
        if (hasLower && hasUpper && ToChecksumHex(hex.ToLowerInvariant()) != hex)
        {
            error = new AddressFormatException(AddressError.BadChecksum, $"'{text}' has mixed case that fails the EIP-55 checksum (mistyped?)");
            return false;
        }

        address = new EthAddress(Convert.FromHexString(hex));
        return true;
    }

    /// <summary>The EIP-55 mixed-case form, for display next to the canonical lower-case one.</summary>
    public string ToChecksumString() => "0x" + ToChecksumHex(Convert.ToHexStringLower(KeyBytes));

    public override string ToString() => "0x" + Convert.ToHexStringLower(KeyBytes);

    private static string ToChecksumHex(string lowerHex)
    {
        var hash = Keccak256.Hash(System.Text.Encoding.ASCII.GetBytes(lowerHex));
        var chars = lowerHex.ToCharArray();
        for (var i = 0; i < chars.Length; i++)
        {
            var nibble = (hash[i / 2] >> (i % 2 == 0 ? 4 : 0)) & 0xf;
            if (char.IsAsciiLetter(chars[i]) && nibble >= 8)
            {
                chars[i] = char.ToUpperInvariant(chars[i]);
            }
        }

        return new string(chars);
    }
}
