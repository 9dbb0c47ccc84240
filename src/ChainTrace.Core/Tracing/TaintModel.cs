namespace ChainTrace.Core.Tracing;

/// <summary>How a transaction's tainted inputs taint its outputs (the simulator's ledgers' conventions; README "Tracing").</summary>
public enum TaintModel
{
    /// <summary>Each output gets floor(tainted in × output value / all input value): the fee takes its share and the rounding.</summary>
    Haircut,

    /// <summary>Any tainted input taints every output wholly.</summary>
    Poison,

    /// <summary>The inputs' value segments, in input order, fill the outputs in output order; the fee takes the tail.</summary>
    Fifo,
}
