using System.Globalization;
using ChainTrace.Core.Addresses;
using ChainTrace.Core.Chains;

namespace ChainTrace.Core.Labels;

/// <summary>What a label is about: one validated address, or a whole cluster (<c>cluster:&lt;id&gt;</c>) of a chain.</summary>
public sealed class LabelSubject : IEquatable<LabelSubject>
{
    public const string ClusterPrefix = "cluster:";

    private LabelSubject(Chain chain, Address? address, long? clusterId)
    {
        Chain = chain;
        Address = address;
        ClusterId = clusterId;
    }

    public Chain Chain { get; }

    public Address? Address { get; }

    public long? ClusterId { get; }

    public bool IsCluster => ClusterId is not null;

    public static LabelSubject OfAddress(Address address)
    {
        ArgumentNullException.ThrowIfNull(address);
        return new LabelSubject(address.Chain, address, null);
    }

    public static LabelSubject OfCluster(Chain chain, long clusterId) =>
        clusterId >= 0 ? new LabelSubject(chain, null, clusterId) : throw new ArgumentOutOfRangeException(nameof(clusterId), clusterId, "a cluster id is not negative");

    /// <summary>Parses <c>cluster:&lt;id&gt;</c> or an address of <paramref name="chain"/>.</summary>
    /// <exception cref="FormatException">neither a cluster reference nor a valid address.</exception>
    public static LabelSubject Parse(Chain chain, string text, Network network)
    {
        ArgumentNullException.ThrowIfNull(text);
        var trimmed = text.Trim();
        if (trimmed.StartsWith(ClusterPrefix, StringComparison.OrdinalIgnoreCase))
        {
            var id = trimmed[ClusterPrefix.Length..];
            return long.TryParse(id, NumberStyles.None, CultureInfo.InvariantCulture, out var clusterId)
                ? OfCluster(chain, clusterId)
                : throw new FormatException($"'{trimmed}' is not a cluster reference: expected cluster:<non-negative integer>");
        }

        return OfAddress(Addresses.Address.Parse(chain, trimmed, network));
    }

    public bool Equals(LabelSubject? other) =>
        other is not null && other.Chain == Chain && other.ClusterId == ClusterId && Equals(other.Address, Address);

    public override bool Equals(object? obj) => Equals(obj as LabelSubject);

    public override int GetHashCode() => HashCode.Combine(Chain, Address, ClusterId);

    public override string ToString() =>
        ClusterId is { } id ? ClusterPrefix + id.ToString(CultureInfo.InvariantCulture) : Address!.ToString() ?? "";
}
