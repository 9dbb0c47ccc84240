using ChainTrace.Core.Chains;

namespace ChainTrace.Core.Clustering.Views;

public sealed record ClusterReviewView(Chain Chain, long Id, string? Tx, long ClusterA, int SizeA, long ClusterB, int SizeB, int Links, bool Approved);
