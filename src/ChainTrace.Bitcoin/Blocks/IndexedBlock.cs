using ChainTrace.Core.Primitives;

namespace ChainTrace.Bitcoin.Blocks;

/// <summary>Where one block sits in the blk files: enough to order the chain and to read the block later.</summary>
/// <param name="DataOffset">Offset of the block's first byte (after magic and length).</param>
/// <param name="Sequence">Order of discovery across files, the tie-break between equally long branches.</param>
internal readonly record struct IndexedBlock(Hash32 Hash, Hash32 PreviousHash, int FileNumber, long DataOffset, int Length, int Sequence);
