namespace ChainTrace.Core.Tracing;

/// <summary>
/// Where a walk starts, in dense ids: a set of addresses (one address, or a cluster's members: every coin paid
/// to them is wholly the traced value, as the simulator treats a flagged entity's coins) or a single output.
/// </summary>
public sealed record TraceStart(IReadOnlySet<int> Addresses, int Output = -1)
{
    public static TraceStart OfOutput(int output) => new(new HashSet<int>(), output);
}
