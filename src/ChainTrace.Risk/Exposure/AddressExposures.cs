namespace ChainTrace.Risk.Exposure;

/// <summary>
/// The bulk pass's result per address id: totals received and sent, and per category, direction and type the
/// haircut-weighted amounts (allocated only for addresses that have any), plus the discounted dust.
/// Layout of <see cref="Amounts"/>: <c>[(direction * 2 + type) * K + category]</c>.
/// </summary>
public sealed class AddressExposures(int addresses, int categories)
{
    public int Categories { get; } = categories;

    public long[] Received { get; } = new long[addresses];

    public long[] Sent { get; } = new long[addresses];

    public double[]?[] Amounts { get; } = new double[]?[addresses];

    /// <summary>Per address <c>[type * K + category]</c>, dust left out of <see cref="Amounts"/>.</summary>
    public double[]?[] Discounted { get; } = new double[]?[addresses];

    public int[] DiscountedOutputs { get; } = new int[addresses];

    public int Count => Received.Length;

    /// <summary>The clusters' own exposure (internal flows left out) when the pass was given clusters; null otherwise.</summary>
    public ClusterExposures? Clusters { get; internal set; }

    internal double[] AmountsOf(int address) => Amounts[address] ??= new double[4 * Categories];

    internal double[] DiscountedOf(int address) => Discounted[address] ??= new double[2 * Categories];
}
