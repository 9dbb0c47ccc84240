namespace ChainTrace.Api.Contracts;

/// <param name="Next">Opaque cursor for the next page (pass it as <c>cursor</c>); null on the last page.</param>
/// <param name="Total">btc: distinct neighbours in this direction over all pages (from the read model); null for eth or before clustering has reached the address.</param>
public sealed record NeighboursDto(string Chain, string Address, string Direction, IReadOnlyList<NeighbourDto> Neighbours, string? Next, int? Total = null);
