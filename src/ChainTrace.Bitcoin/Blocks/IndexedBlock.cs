using ChainTrace.Core.Primitives;

namespace ChainTrace.Bitcoin.Blocks;

/// <summary>Where one block sits in the blk files: enough to order the chain, weigh branches and read the block later.</summary>
/// <param name="DataOffset">Offset of the block's first byte (after magic and length).</param>
/// <param name="Sequence">Order of discovery across files, the tie-break between branches of equal work.</param>
/// <param name="Time">Header time (Unix seconds).</param>
/// <param name="Bits">Header nBits (compact proof-of-work target).</param>
internal readonly record struct IndexedBlock(Hash32 Hash, Hash32 PreviousHash, int FileNumber, long DataOffset, int Length, int Sequence, uint Time = 0, uint Bits = 0);
