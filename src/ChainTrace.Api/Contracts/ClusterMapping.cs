using ChainTrace.Core.Chains;
using ChainTrace.Core.Clustering;
using ChainTrace.Core.Clustering.Views;

namespace ChainTrace.Api.Contracts;

public static class ClusterMapping
{
    public static CoinJoinDto ToDto(this CoinJoinDetection detection) => new(detection.Detector, detection.Confidence, detection.ExcludesCoSpend);

    public static ChangeDto ToDto(this ChangeGuess guess) => new(guess.OutputIndex, guess.Heuristic.ToCode(), guess.Confidence);

    public static ClusterDto ToDto(this ClusterSummary c) => new(
        c.Chain.ToCode(), c.Id, c.RequestedId, c.RequestedId != c.Id ? $"/v1/clusters/{c.Chain.ToCode()}/{c.Id}" : null, c.Size,
        c.Received.ToString(), c.Sent.ToString(),
        c.FirstSeen is { } f ? new SeenDto(f.Height, f.Time) : null, c.LastSeen is { } l ? new SeenDto(l.Height, l.Time) : null,
        c.TxCount, c.EvidenceByHeuristic, c.PendingReviews, c.DataHeight);

    public static ClusterLinkDto ToDto(this ClusterLinkView l) => new(l.Heuristic, l.A.ToString()!, l.B.ToString()!, l.Tx, l.Confidence);
}
