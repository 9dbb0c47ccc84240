namespace ChainTrace.Api.Trends;

/// <param name="Asset">The asset counted: the chain's native coin (btc, or eth: native ether only, ERC-20 tokens are not counted).</param>
/// <param name="Decimals">The asset's decimals (8 for btc, 18 for eth): base units per coin are 10^decimals.</param>
/// <param name="Source">any, flagged, or the source category asked for.</param>
/// <param name="Definition">What "reaching" means, in one paragraph (also in the README).</param>
/// <param name="Categories">The categories that received value in the range, largest total first.</param>
/// <param name="Totals">Per category the range's total, base units (satoshis, wei) as a decimal string.</param>
public sealed record TrendsDto(
    string Chain, string Asset, int Decimals, string Bucket, string Source, string From, string To, long DataHeight, string LabelSet, string Definition,
    IReadOnlyList<string> Categories, IReadOnlyDictionary<string, string> Totals, IReadOnlyList<TrendBucketDto> Buckets);

/// <param name="Start">First UTC day of the bucket (a Monday for weeks).</param>
/// <param name="End">Last UTC day of the bucket, inclusive.</param>
/// <param name="Values">Category → base units that reached it in the bucket; categories with nothing are left out.</param>
public sealed record TrendBucketDto(string Start, string End, IReadOnlyDictionary<string, string> Values);
