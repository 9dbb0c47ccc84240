namespace ChainTrace.Core.Clustering;

/// <summary>A change heuristic's pick: output <paramref name="OutputIndex"/> goes back to the spender, with a confidence of 0–100.</summary>
public sealed record ChangeGuess(int OutputIndex, LinkHeuristic Heuristic, int Confidence);
