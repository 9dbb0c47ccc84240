namespace ChainTrace.Core.Tracing.Account;

/// <summary>
/// The ledger run backwards in time with every movement turned round (receiver to payer), for backward traces:
/// what an account received is then what it "pays" to its earlier senders. Gas fees have no sender to
/// attribute to and are left out (value 0).
/// </summary>
public sealed class ReversedAccountFlowGraph(IAccountFlowGraph inner) : IAccountFlowGraph
{
    public int Count => inner.Count;

    public AccountMovement Movement(int index)
    {
        var m = inner.Movement(inner.Count - 1 - index);
        return m.IsFee ? m with { Value = 0 } : new AccountMovement(m.To, m.From, m.Value, m.Tx);
    }

    public long Height(int tx) => inner.Height(tx);

    /// <summary>The index in the reversed order of the inner graph's movement <paramref name="index"/>.</summary>
    public int Map(int index) => index < 0 ? -1 : inner.Count - 1 - index;
}
