namespace ChainTrace.Core.Tracing;

/// <summary>
/// The UTXO graph as tracing walks it, in dense ids that follow block order (a transaction's inputs were all
/// created by lower transaction ids). Implemented by the compact read model.
/// </summary>
public interface IUtxoFlowGraph
{
    int TxCount { get; }

    (int Start, int Count) Inputs(int tx);

    /// <summary>The output an input spends, -1 when the read model does not hold it (a coinbase, or before the data).</summary>
    int SpentOutput(int input);

    (int Start, int Count) Outputs(int tx);

    long Value(int output);

    /// <summary>The output's address id, -1 when it has none (OP_RETURN, bare scripts).</summary>
    int Address(int output);

    /// <summary>The transaction spending the output, -1 while unspent.</summary>
    int SpentBy(int output);

    int TxOfOutput(int output);

    long Height(int tx);

    bool IsCoinbase(int tx);

    /// <summary>Every output paid to the address, in any order.</summary>
    IEnumerable<int> OutputsOf(int address);
}
