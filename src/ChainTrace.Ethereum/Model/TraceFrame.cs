using ChainTrace.Core.Addresses;
using ChainTrace.Core.Primitives;

namespace ChainTrace.Ethereum.Model;

/// <summary>
/// One frame of a transaction's call tree in a tracer-neutral shape (Parity <c>trace_block</c> and geth
/// <c>callTracer</c> both map to it), or a block reward.
/// </summary>
/// <param name="TxIndex">Position of the transaction in the block; null for rewards.</param>
/// <param name="TraceAddress">Path from the top-level frame (empty for it), as Parity numbers it.</param>
/// <param name="CallType">call, callcode, delegatecall, staticcall for calls; create/create2 for creations.</param>
/// <param name="To">Callee, created contract, SELFDESTRUCT beneficiary or reward author.</param>
/// <param name="Error">Set when this frame reverted or failed; its value and its children's values did not move.</param>
public sealed record TraceFrame(
    int? TxIndex,
    Hash32? TxHash,
    IReadOnlyList<int> TraceAddress,
    TraceFrameType Type,
    string? CallType,
    EthAddress? From,
    EthAddress? To,
    UInt256? Value,
    string? Error)
{
    public string Position => string.Join('_', TraceAddress);
}
