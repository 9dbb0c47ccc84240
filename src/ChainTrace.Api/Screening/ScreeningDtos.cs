using System.Text.Json.Serialization;

namespace ChainTrace.Api.Screening;

/// <summary>The body of <c>POST /v1/screenings</c>; an item that is not an object is read as null (<see cref="ScreeningItemsConverter"/>).</summary>
public sealed record ScreeningRequest([property: JsonConverter(typeof(ScreeningItemsConverter))] IReadOnlyList<ScreeningItem?>? Items);

/// <summary>
/// One address to screen; <see cref="Direction"/> (withdrawal|deposit) and <see cref="Amount"/> (base units) are optional.
/// Each field is read as text whatever its JSON type (<see cref="ScalarTextConverter"/>), so a mistyped one is this
/// item's error, not the batch's.
/// </summary>
public sealed record ScreeningItem(
    [property: JsonConverter(typeof(ScalarTextConverter))] string? Chain,
    [property: JsonConverter(typeof(ScalarTextConverter))] string? Address,
    [property: JsonConverter(typeof(ScalarTextConverter))] string? Direction,
    [property: JsonConverter(typeof(ScalarTextConverter))] string? Amount);

/// <summary>Per item either the risk answer or the error of a malformed item (same order as the request).</summary>
public sealed record ScreeningResultItem(RiskDto? Risk, ItemErrorDto? Error, string? Direction, string? Amount);

public sealed record ItemErrorDto(string Code, string Detail);

public sealed record ScreeningResponse(IReadOnlyList<ScreeningResultItem> Items);
