using ChainTrace.Core.Addresses;

namespace ChainTrace.Core.Clustering.Views;

/// <summary>One piece of evidence of a cluster: <see cref="A"/> and <see cref="B"/> linked by <see cref="Heuristic"/> in transaction <see cref="Tx"/>.</summary>
public sealed record ClusterLinkView(long Sequence, string Heuristic, Address A, Address B, string? Tx, int Confidence);
