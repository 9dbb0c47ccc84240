namespace ChainTrace.Jobs.Endpoints;

/// <summary><c>{"items": [...], "next": cursor or null}</c>.</summary>
public sealed record AlertPage(IReadOnlyList<AlertDto> Items, string? Next);
