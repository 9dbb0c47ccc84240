namespace ChainTrace.Core.Labels;

/// <summary>A page of labels; <see cref="NextAfter"/> is set when more follow.</summary>
public sealed record LabelPage(IReadOnlyList<StoredLabel> Items, long? NextAfter);
