namespace ChainTrace.Risk.Exposure;

/// <summary>
/// Ethereum exposure per address id (or per cluster root, for a cluster pass): wei received and sent (native ether,
/// exact) and the haircut-weighted amounts per category, direction and type, in <see cref="AddressExposures"/>'s
/// layout <c>[(direction * 2 + type) * K + category]</c>, plus the incoming dust left out of them.
/// </summary>
public sealed class EthExposures(int addresses, int categories)
{
    public int Categories { get; } = categories;

    public UInt128[] Received { get; } = new UInt128[addresses];

    public UInt128[] Sent { get; } = new UInt128[addresses];

    public double[]?[] Amounts { get; } = new double[]?[addresses];

    /// <summary>Per address <c>[type * K + category]</c>: exposure of dust transfers, left out of <see cref="Amounts"/> and of what the address passes on.</summary>
    public double[]?[] Discounted { get; } = new double[]?[addresses];

    public int[] DiscountedTransfers { get; } = new int[addresses];

    /// <summary>
    /// Per address <c>[direction * K + category]</c>: the direct amounts exactly, in wei. A direct share is always 1
    /// (the counterparty is labelled), so its sum is whole; in <see cref="Amounts"/> (doubles, for the haircut shares)
    /// a sum above 2^53 wei (~0.009 ETH) would lose its last digits.
    /// </summary>
    public UInt128[]?[] DirectAmounts { get; } = new UInt128[]?[addresses];

    /// <summary>Per address <c>[category]</c>: the direct dust left out, exactly.</summary>
    public UInt128[]?[] DirectDiscounted { get; } = new UInt128[]?[addresses];

    /// <summary>The share of an address's received (incoming) or sent (outgoing) value from or to a category, direct or indirect.</summary>
    public double Share(int address, int category, bool incoming, bool direct)
    {
        var total = incoming ? Received[address] : Sent[address];
        return Amounts[address] is not { } a || total == 0 ? 0 : a[(((incoming ? 0 : 2) + (direct ? 0 : 1)) * Categories) + category] / (double)total;
    }

    internal double[] AmountsOf(int address) => Amounts[address] ??= new double[4 * Categories];

    internal double[] DiscountedOf(int address) => Discounted[address] ??= new double[2 * Categories];

    internal UInt128[] DirectAmountsOf(int address) => DirectAmounts[address] ??= new UInt128[2 * Categories];

    internal UInt128[] DirectDiscountedOf(int address) => DirectDiscounted[address] ??= new UInt128[Categories];
}
