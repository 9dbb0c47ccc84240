using ChainTrace.Core.Tracing;
using ChainTrace.Index.Utxo;

namespace ChainTrace.Index.Tracing;

/// <summary>The tracing port over the UTXO read model's arrays.</summary>
internal sealed class UtxoFlowGraph(UtxoIndex index) : IUtxoFlowGraph
{
    public int TxCount => index.TxCount;

    public (int Start, int Count) Inputs(int tx) => index.Inputs(tx);

    public int SpentOutput(int input) => index.Input(input).SpentOutput;

    public (int Start, int Count) Outputs(int tx) => index.Outputs(tx);

    public long Value(int output) => index.Output(output).Value;

    public int Address(int output) => index.Output(output).Address;

    public int SpentBy(int output) => index.SpentBy(output);

    public int TxOfOutput(int output) => index.TxOfOutput(output);

    public long Height(int tx) => index.Block(index.BlockOfTx(tx)).Height;

    public bool IsCoinbase(int tx) => index.Inputs(tx).Count == 0;

    public IEnumerable<int> OutputsOf(int address) => index.OutputsOf(address);
}
