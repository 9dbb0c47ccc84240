namespace ChainTrace.Core.Clustering.Views;

/// <summary>One page; <see cref="Next"/> is the position to continue after, null on the last page.</summary>
public sealed record ClusterPage<T>(IReadOnlyList<T> Items, long? Next);
