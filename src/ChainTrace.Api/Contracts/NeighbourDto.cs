namespace ChainTrace.Api.Contracts;

/// <param name="Value">Base units that moved between the two addresses through the transactions this page covers (btc: the payer's share by input value).</param>
/// <param name="FirstHeight">btc: the height of the first block with a transaction between the two addresses in this direction (over all pages, from the read model); null for eth or before clustering has reached it.</param>
/// <param name="FirstTime">That block's time, UTC.</param>
/// <param name="LastHeight">The height of the last such block.</param>
/// <param name="LastTime">That block's time, UTC.</param>
public sealed record NeighbourDto(string Address, string Asset, string Value, int TxCount, long? FirstHeight = null, DateTimeOffset? FirstTime = null, long? LastHeight = null, DateTimeOffset? LastTime = null);
