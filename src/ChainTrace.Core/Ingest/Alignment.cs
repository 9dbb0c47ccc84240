using ChainTrace.Core.Ports;

namespace ChainTrace.Core.Ingest;

/// <summary>Where a chain source stands against the stored chain, judged only at heights both hold.</summary>
/// <param name="Anchor">The highest stored block at or below the source's tip; null when there is none.</param>
/// <param name="ForkHeight">For <see cref="AlignmentKind.Forked"/>: the highest height where both agree.</param>
public sealed record Alignment(AlignmentKind Kind, BlockRef? Anchor, long ForkHeight = -1);
