namespace ChainTrace.Risk.Exposure;

/// <summary>How far and how finely exposure is computed.</summary>
public sealed record ExposureOptions
{
    public const int DefaultHops = 3;

    /// <summary>Direct is hop 1; indirect is hops 2..Hops.</summary>
    public int Hops { get; init; } = DefaultHops;

    /// <summary>An unspent incoming output below this many base units is unsolicited dust: its exposure is discounted.</summary>
    public long DustThreshold { get; init; } = 10_000;

    /// <summary>
    /// Ethereum: an incoming native transfer below this many wei from an address the recipient never sent to is
    /// unsolicited dust, its exposure discounted. Default 10^16 wei (0.01 ether). Wei, so 128 bits like every
    /// Ethereum amount (a long would stop at ~9.2 ether).
    /// </summary>
    public UInt128 EthDustThreshold { get; init; } = 10_000_000_000_000_000;

    /// <summary>Shares below this are dropped while propagating (keeps taint vectors sparse).</summary>
    public double Epsilon { get; init; } = 1e-4;

    public void Validate()
    {
        if (Hops is < 1 or > 10)
        {
            throw new ArgumentOutOfRangeException(nameof(Hops), Hops, "hops must be between 1 and 10");
        }

        if (DustThreshold < 0)
        {
            throw new ArgumentOutOfRangeException(nameof(DustThreshold), DustThreshold, "the dust threshold is not negative");
        }
    }
}
