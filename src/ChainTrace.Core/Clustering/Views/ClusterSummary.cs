using ChainTrace.Core.Chains;
using ChainTrace.Core.Primitives;
using ChainTrace.Core.Queries;

namespace ChainTrace.Core.Clustering.Views;

/// <summary>
/// A cluster as the API answers it. <see cref="RequestedId"/> differs from <see cref="Id"/> when the asked id was
/// absorbed by a merge (it points to the survivor). Totals are native units (satoshi, wei) of the member
/// addresses' own outputs/transfers; <see cref="DataHeight"/> is the read-model height the clusters were computed at.
/// </summary>
public sealed record ClusterSummary(
    Chain Chain,
    long Id,
    long RequestedId,
    int Size,
    UInt256 Received,
    UInt256 Sent,
    SeenAt? FirstSeen,
    SeenAt? LastSeen,
    long TxCount,
    IReadOnlyDictionary<string, long> EvidenceByHeuristic,
    long PendingReviews,
    long DataHeight);
