namespace ChainTrace.Api.Contracts;

/// <param name="Next">Opaque cursor for the next page (pass it as <c>cursor</c>); null on the last page.</param>
public sealed record NeighboursDto(string Chain, string Address, string Direction, IReadOnlyList<NeighbourDto> Neighbours, string? Next);
