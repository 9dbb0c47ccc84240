namespace ChainTrace.Core.Clustering;

/// <param name="Detector">Stable name: <c>equal-output</c>, <c>wasabi-1</c>, <c>wasabi-2</c>, <c>whirlpool</c>, <c>whirlpool-tx0</c>, <c>joinmarket</c>.</param>
/// <param name="Confidence">0–100 (TagPack scale).</param>
/// <param name="ExcludesCoSpend">Whether the inputs belong to several owners (a mix) so co-spend must not merge them; a Tx0 is one user's.</param>
public sealed record CoinJoinDetection(string Detector, int Confidence, bool ExcludesCoSpend = true);
