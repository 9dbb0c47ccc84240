namespace ChainTrace.Core.Clustering;

/// <summary>A native ether transfer as the deposit heuristic reads it (dense ids; value in wei; ether fits 128 bits).</summary>
public readonly record struct EthTransferFacts(int Id, int From, int To, UInt128 Value, long Height);
