namespace ChainTrace.Api.Labels;

/// <summary>A page of labels; pass <c>nextCursor</c> as <c>cursor</c> for the next page (null: no more).</summary>
public sealed record LabelListDto(IReadOnlyList<LabelDto> Items, string? NextCursor);
