namespace ChainTrace.Core.Tracing;

/// <summary>
/// Where the traced value ended up, in base units. Forward: <see cref="Traced"/> is what left the start; it is
/// split into reached endpoints, still unspent at addresses, paid as fees (with haircut's rounding), below the
/// minimum, and cut by limits (hop, breadth, window, time). Backward: <see cref="Traced"/> is what the start
/// received; <see cref="Unspent"/> there holds value whose origin lies before the data (or was newly mined).
/// </summary>
public sealed class TraceTotals
{
    public long Traced { get; set; }

    public long ReachedEndpoints { get; set; }

    public long Unspent { get; set; }

    public long Fees { get; set; }

    public long BelowMinimum { get; set; }

    public long CutByHops { get; set; }

    public long CutByBreadth { get; set; }

    public long CutByWindow { get; set; }

    public long CutByTime { get; set; }

    public long CutByLimits => CutByHops + CutByBreadth + CutByWindow + CutByTime;
}
