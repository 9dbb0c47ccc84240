namespace ChainTrace.Core.Clustering;

/// <summary>What the heuristics say about one transaction: its CoinJoin verdict, change guesses, and the links the policy allows.</summary>
public sealed record TxLinkPlan(CoinJoinDetection? CoinJoin, IReadOnlyList<ChangeGuess> Change, IReadOnlyList<ClusterLink> Links);
