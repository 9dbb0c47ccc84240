namespace ChainTrace.Core.Clustering;

/// <summary>
/// Parameters of the deposit-address heuristic (Victor, FC 2020): a forward must follow the last receipt within
/// <see cref="MaxForwardBlocks"/>, lose at most <see cref="MaxLossPercent"/> % or <see cref="MaxLossWei"/> (gas), and the
/// receiver must be fed by at least <see cref="MinDepositsPerReceiver"/> such forwarders.
/// </summary>
public sealed record EthDepositOptions
{
    public long MaxForwardBlocks { get; init; } = 3_200;

    public int MaxLossPercent { get; init; } = 1;

    public UInt128 MaxLossWei { get; init; } = 10_000_000_000_000_000;

    public int MinDepositsPerReceiver { get; init; } = 3;

    public int DepositConfidence { get; init; } = 80;

    public int CustomerConfidence { get; init; } = 60;
}
