namespace ChainTrace.Risk.Exposure;

/// <summary>
/// Ethereum exposure per address id: wei received and sent (native ether, as doubles: 128-bit amounts) and the
/// haircut-weighted amounts per category, direction and type, in <see cref="AddressExposures"/>'s layout
/// <c>[(direction * 2 + type) * K + category]</c>.
/// </summary>
public sealed class EthExposures(int addresses, int categories)
{
    public int Categories { get; } = categories;

    public double[] Received { get; } = new double[addresses];

    public double[] Sent { get; } = new double[addresses];

    public double[]?[] Amounts { get; } = new double[]?[addresses];

    /// <summary>The share of an address's received (incoming) or sent (outgoing) value from or to a category, direct or indirect.</summary>
    public double Share(int address, int category, bool incoming, bool direct)
    {
        var total = incoming ? Received[address] : Sent[address];
        return Amounts[address] is not { } a || total == 0 ? 0 : a[(((incoming ? 0 : 2) + (direct ? 0 : 1)) * Categories) + category] / total;
    }

    internal double[] AmountsOf(int address) => Amounts[address] ??= new double[4 * Categories];
}
