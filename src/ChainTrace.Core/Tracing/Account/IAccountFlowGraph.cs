namespace ChainTrace.Core.Tracing.Account;

/// <summary>
/// The movements of one asset on an account chain, in the order the ledger applies them: per transaction the gas
/// fee first, then its value, then each internal call (the simulator's <c>EthTaintLedger</c> order). Implemented
/// by the read model; a backward trace walks the same movements reversed.
/// </summary>
public interface IAccountFlowGraph
{
    int Count { get; }

    AccountMovement Movement(int index);

    long Height(int tx);
}
