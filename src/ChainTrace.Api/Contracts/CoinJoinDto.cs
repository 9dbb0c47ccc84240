namespace ChainTrace.Api.Contracts;

/// <param name="ExcludesCoSpend">True when the inputs are treated as several owners' (not merged by co-spend).</param>
public sealed record CoinJoinDto(string Detector, int Confidence, bool ExcludesCoSpend);
