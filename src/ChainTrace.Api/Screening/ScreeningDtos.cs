namespace ChainTrace.Api.Screening;

/// <summary>The body of <c>POST /v1/screenings</c>.</summary>
public sealed record ScreeningRequest(IReadOnlyList<ScreeningItem>? Items);

/// <summary>One address to screen; <see cref="Direction"/> (withdrawal|deposit) and <see cref="Amount"/> (base units) are optional.</summary>
public sealed record ScreeningItem(string? Chain, string? Address, string? Direction, string? Amount);

/// <summary>Per item either the risk answer or the error of a malformed item (same order as the request).</summary>
public sealed record ScreeningResultItem(RiskDto? Risk, ItemErrorDto? Error, string? Direction, string? Amount);

public sealed record ItemErrorDto(string Code, string Detail);

public sealed record ScreeningResponse(IReadOnlyList<ScreeningResultItem> Items);
