namespace ChainTrace.Core.Tracing.Account;

/// <summary>
/// Where an account trace starts: a set of addresses (every wei they hold is wholly traced, as the simulator
/// treats a flagged entity's accounts) or one movement (a tx hash and transfer position), whose value is traced.
/// </summary>
public sealed record AccountTraceStart(IReadOnlySet<int> Addresses, int Movement = -1)
{
    public static AccountTraceStart OfMovement(int movement) => new(new HashSet<int>(), movement);
}
