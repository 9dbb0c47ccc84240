namespace ChainTrace.Api.Contracts;

public sealed record AddressDto(
    string Chain,
    string Address,
    SeenDto FirstSeen,
    SeenDto LastSeen,
    long TxCount,
    IReadOnlyList<AssetTotalsDto> Totals);
