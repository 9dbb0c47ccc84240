namespace ChainTrace.Core.Queries;

/// <summary>
/// One page of an address's neighbours. A page covers a stretch of the address's activity in store order and
/// totals each neighbour over that stretch only, so a neighbour can appear again on a later page; summing a
/// neighbour over all pages gives its total. <paramref name="Next"/> is null on the last page. <paramref name="Total"/>,
/// when the store answers it, counts the distinct neighbour entries over all of the address's activity.
/// </summary>
public sealed record NeighbourPage(IReadOnlyList<AddressNeighbour> Neighbours, NeighbourCursor? Next, int? Total = null);
