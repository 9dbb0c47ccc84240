namespace ChainTrace.Api.Contracts;

/// <param name="Value">Base units that moved between the two addresses through the transactions this page covers (btc: the payer's share by input value).</param>
public sealed record NeighbourDto(string Address, string Asset, string Value, int TxCount);
