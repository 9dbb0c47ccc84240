namespace ChainTrace.Core.Labels;

/// <summary>A label that applies to an address, and how it reached it.</summary>
public sealed record AttributedLabel(StoredLabel Stored, LabelVia Via, long? ClusterId);
