using System.Runtime.InteropServices;

namespace ChainTrace.Core.Clustering;

/// <summary>
/// One piece of evidence: addresses <see cref="A"/> and <see cref="B"/> (dense ids) are one entity because of
/// <see cref="Heuristic"/> in transaction <see cref="Tx"/> (dense id; a transfer id on account chains). Fixed
/// 16-byte layout: the read model stores links as a flat array.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public readonly record struct ClusterLink(int A, int B, int Tx, LinkHeuristic Heuristic, byte Confidence)
{
    private readonly short _reserved;
}
