using ChainTrace.Core.Chains;

namespace ChainTrace.Core.Addresses;

/// <summary>
/// A validated address in canonical form. <see cref="Key"/> is the compact binary identity used by stores
/// (no text encoding on hot paths); <see cref="ToString"/> is the canonical text.
/// </summary>
public abstract class Address : IEquatable<Address>
{
    private protected Address(byte[] key) => KeyBytes = key;

    public abstract Chain Chain { get; }

    private protected byte[] KeyBytes { get; }

    /// <summary>The store key: BTC <c>[type][program]</c> (see <see cref="BtcAddressKey"/>), ETH the 20 address bytes.</summary>
    public ReadOnlySpan<byte> Key => KeyBytes;

    public byte[] KeyToArray() => (byte[])KeyBytes.Clone();

    public bool Equals(Address? other) =>
        other is not null && other.Chain == Chain && KeyBytes.AsSpan().SequenceEqual(other.KeyBytes);

    public override bool Equals(object? obj) => Equals(obj as Address);

    public override int GetHashCode()
    {
        var hash = new HashCode();
        hash.Add(Chain);
        hash.AddBytes(KeyBytes);
        return hash.ToHashCode();
    }

    /// <summary>Parses an address of <paramref name="chain"/>; <paramref name="network"/> applies to Bitcoin.</summary>
    public static Address Parse(Chain chain, string text, Network network = Network.Main) => chain switch
    {
        Chain.Btc => BtcAddress.Parse(text, network),
        Chain.Eth => EthAddress.Parse(text),
        _ => throw new UnknownChainException(chain.ToString()),
    };
}
