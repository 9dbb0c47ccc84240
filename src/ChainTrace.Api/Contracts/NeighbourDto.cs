namespace ChainTrace.Api.Contracts;

/// <param name="Value">Base units that moved between the two addresses through shared transactions.</param>
public sealed record NeighbourDto(string Address, string Asset, string Value, int TxCount);

public sealed record NeighboursDto(string Chain, string Address, string Direction, IReadOnlyList<NeighbourDto> Neighbours);
