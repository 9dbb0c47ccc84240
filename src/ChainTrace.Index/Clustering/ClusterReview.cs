using System.Runtime.InteropServices;

namespace ChainTrace.Index.Clustering;

/// <summary>
/// A transaction held back by the supercluster guard: it would have joined clusters <see cref="ClusterA"/> and
/// <see cref="ClusterB"/> (their sizes then) through <see cref="Links"/> links. Approved reviews are applied.
/// </summary>
[StructLayout(LayoutKind.Sequential, Pack = 4)]
public record struct ClusterReview(int Tx, int ClusterA, int SizeA, int ClusterB, int SizeB, int Links, int Approved);
