namespace ChainTrace.Ethereum.Ingest;

/// <summary>The store and the source disagree deeper than the finality depth; nothing was rolled back.</summary>
public sealed class ReorgTooDeepException(long storeTip, int finalityDepth)
    : Exception($"the source disagrees with every stored block from height {storeTip} down to {storeTip - finalityDepth} (finality depth {finalityDepth}): is it the same chain and network? nothing was rolled back")
{
    public long StoreTip { get; } = storeTip;
}
