namespace ChainTrace.Api.Contracts;

/// <param name="NextCursor">Opaque; pass as <c>cursor</c> for the next page. Null on the last page.</param>
public sealed record PageDto<T>(IReadOnlyList<T> Items, string? NextCursor);
