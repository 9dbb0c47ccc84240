namespace ChainTrace.Core.Clustering.Views;

/// <summary>What the heuristics say about a Bitcoin transaction: its CoinJoin verdict and the most confident change guess (each null when none).</summary>
public sealed record TxHeuristicsView(CoinJoinDetection? CoinJoin, ChangeGuess? Change);
