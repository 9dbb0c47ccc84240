using ChainTrace.Core.Utxo;

namespace ChainTrace.Core.Ingest;

/// <param name="Blocks">The blocks with every input the stage could resolve filled in (new objects; the given ones are unchanged).</param>
/// <param name="Resolved">Inputs whose value and address came from an output of the store or of an earlier transaction of the batch.</param>
public sealed record PrevoutResolution(IReadOnlyList<UtxoBlock> Blocks, long Resolved);
