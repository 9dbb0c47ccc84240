namespace ChainTrace.Api.Contracts;

/// <param name="RequestedId">The id asked for; differs from <paramref name="Id"/> when that cluster was absorbed by a merge (it points to the survivor).</param>
/// <param name="Evidence">Link counts by heuristic.</param>
/// <param name="DataHeight">The read-model height the clusters were computed at.</param>
public sealed record ClusterDto(
    string Chain,
    long Id,
    long RequestedId,
    string? AbsorbedInto,
    int Size,
    string Received,
    string Sent,
    SeenDto? FirstSeen,
    SeenDto? LastSeen,
    long TxCount,
    IReadOnlyDictionary<string, long> Evidence,
    long PendingReviews,
    long DataHeight);
