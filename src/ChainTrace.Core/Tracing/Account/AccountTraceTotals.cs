using System.Numerics;

namespace ChainTrace.Core.Tracing.Account;

/// <summary>
/// Where the traced value of an account trace ended up, in base units (wei needs more than 64 bits):
/// the same split as <see cref="TraceTotals"/>; <see cref="Fees"/> is the traced part of gas fees.
/// </summary>
public sealed class AccountTraceTotals
{
    public BigInteger Traced { get; set; }

    public BigInteger ReachedEndpoints { get; set; }

    public BigInteger Unspent { get; set; }

    public BigInteger Fees { get; set; }

    public BigInteger BelowMinimum { get; set; }

    public BigInteger CutByHops { get; set; }

    public BigInteger CutByBreadth { get; set; }

    public BigInteger CutByWindow { get; set; }

    public BigInteger CutByTime { get; set; }

    public BigInteger CutByLimits => CutByHops + CutByBreadth + CutByWindow + CutByTime;
}
